// The CRD manifests are well-formed for a real API server: names as Argo's, structural schemas,
// subresources and printer columns where kubectl and HPAs expect them.

import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import type { CustomResourceDefinition, JsonSchema } from '../types/custom-resource-definition.js';
import { CRD_DIRECTORY, crdFiles, loadCrdManifests } from './crd-files.js';
import { loadCrdSchemas } from './crd-validator.js';

const crds = new Map<string, CustomResourceDefinition>(loadCrdManifests().map((crd) => [crd.spec.names.kind, crd]));

// Kubernetes rejects non-structural schemas: every node needs a type, except int-or-string nodes
// (whose anyOf branches carry the types) and nodes that preserve unknown fields.
function untypedNodes(schema: JsonSchema, path: string): string[] {
  const found: string[] = [];
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  if (schema['type'] === undefined && !intOrString && schema['x-kubernetes-preserve-unknown-fields'] !== true) found.push(path);
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  for (const [key, child] of Object.entries(properties)) found.push(...untypedNodes(child, `${path}.${key}`));
  if (typeof schema['items'] === 'object') found.push(...untypedNodes(schema['items'] as JsonSchema, `${path}[]`));
  if (typeof schema['additionalProperties'] === 'object') found.push(...untypedNodes(schema['additionalProperties'] as JsonSchema, `${path}{}`));
  return found;
}

describe('CRD manifests', () => {
  it('ships one file per resource in CRD_DIRECTORY', () => {
    expect(existsSync(CRD_DIRECTORY)).toBe(true);
    expect(crdFiles().map((file) => file.slice(CRD_DIRECTORY.length))).toEqual([
      'analysisrun-crd.yaml',
      'analysistemplate-crd.yaml',
      'application-crd.yaml',
      'appproject-crd.yaml',
      'clusteranalysistemplate-crd.yaml',
      'rollout-crd.yaml',
    ]);
  });

  it.each([
    ['Application', 'applications', ['app', 'apps'], 'Namespaced'],
    ['AppProject', 'appprojects', ['appproj', 'appprojs'], 'Namespaced'],
    ['Rollout', 'rollouts', ['ro'], 'Namespaced'],
    ['AnalysisTemplate', 'analysistemplates', ['at'], 'Namespaced'],
    ['ClusterAnalysisTemplate', 'clusteranalysistemplates', ['cat'], 'Cluster'],
    ['AnalysisRun', 'analysisruns', ['ar'], 'Namespaced'],
  ])('%s is %s.argoproj.io with short names %j, %s', (kind, plural, shortNames, scope) => {
    const crd = crds.get(kind);
    expect(crd?.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(crd?.metadata.name).toBe(`${plural}.argoproj.io`);
    expect(crd?.spec.group).toBe('argoproj.io');
    expect(crd?.spec.names.plural).toBe(plural);
    expect(crd?.spec.names.shortNames).toEqual(shortNames);
    expect(crd?.spec.scope).toBe(scope);
    expect(crd?.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([['v1alpha1', true, true]]);
  });

  it.each([...crds.keys()])('%s has a structural schema', (kind) => {
    const schema = crds.get(kind)?.spec.versions[0]?.schema?.openAPIV3Schema ?? {};
    expect(untypedNodes(schema, kind)).toEqual([]);
  });

  it('prints sync and health status columns for Applications, like Argo CD', () => {
    const columns = crds.get('Application')?.spec.versions[0]?.additionalPrinterColumns ?? [];
    expect(columns.slice(0, 2)).toEqual([
      { name: 'Sync Status', type: 'string', jsonPath: '.status.sync.status' },
      { name: 'Health Status', type: 'string', jsonPath: '.status.health.status' },
    ]);
  });

  it('gives Rollouts status and scale subresources so kubectl scale and HPAs work', () => {
    const subresources = crds.get('Rollout')?.spec.versions[0]?.subresources;
    expect(subresources).toEqual({
      status: {},
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' },
    });
  });

  it.each(['Rollout', 'AnalysisRun'])('%s has a status subresource', (kind) => {
    expect(crds.get(kind)?.spec.versions[0]?.subresources?.status).toEqual({});
  });

  // Argo CD's CRDs serve none: clients (and the worker) write status with the object, in one patch.
  it.each(['Application', 'AppProject'])('%s has no status subresource, as in Argo CD', (kind) => {
    expect(crds.get(kind)?.spec.versions[0]?.subresources).toBeUndefined();
  });

  it('indexes every served version by group/version/kind', () => {
    expect([...loadCrdSchemas().keys()].sort()).toEqual([
      'argoproj.io/v1alpha1/AnalysisRun',
      'argoproj.io/v1alpha1/AnalysisTemplate',
      'argoproj.io/v1alpha1/AppProject',
      'argoproj.io/v1alpha1/Application',
      'argoproj.io/v1alpha1/ClusterAnalysisTemplate',
      'argoproj.io/v1alpha1/Rollout',
    ]);
  });

  it('returns fresh objects, so callers may mutate them', () => {
    const [first] = loadCrdManifests();
    if (first) first.spec.group = 'mutated.example.com';
    expect(loadCrdManifests()[0]?.spec.group).toBe('argoproj.io');
  });
});
