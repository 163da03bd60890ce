// The shipped CRDs and validators accept Argo's own documented manifests unchanged, and our valid fixtures.

import { describe, expect, it } from '@jest/globals';
import { fixtureNames, loadYamlDocuments } from '../testing/load-yaml.js';
import { validateAgainstCrd } from './crd-validator.js';
import { validateResource } from './validate-resource.js';

interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
}

function argoManifests(folder: string): [string, Manifest][] {
  return fixtureNames(import.meta.url, folder).flatMap((file) =>
    (loadYamlDocuments(import.meta.url, `${folder}${file}`) as Manifest[])
      .filter((doc) => doc.apiVersion?.startsWith('argoproj.io/'))
      .map((doc): [string, Manifest] => [`${file}: ${doc.kind} ${doc.metadata?.name}`, doc]),
  );
}

const argoExamples = argoManifests('../__fixtures__/argo-examples/');
const validFixtures = argoManifests('./__fixtures__/valid/');

describe('Argo CD and Argo Rollouts example manifests', () => {
  it('covers every kind the CRDs define', () => {
    const kinds = new Set(argoExamples.map(([, doc]) => doc.kind));
    expect([...kinds].sort()).toEqual(['AnalysisRun', 'AnalysisTemplate', 'AppProject', 'Application', 'ClusterAnalysisTemplate', 'Rollout']);
  });

  it.each(argoExamples)('%s is accepted by its CRD, even with unknown fields reported', (_name, doc) => {
    expect(validateAgainstCrd(doc, { strict: true })).toEqual([]);
  });

  it.each(argoExamples.filter(([name]) => !name.includes('-invalid-')))('%s passes full validation', (_name, doc) => {
    expect(validateResource(doc)).toEqual([]);
  });

  it('refuses the documented AnalysisRun for its upper-case name, as an API server does', () => {
    const [, run] = argoExamples.find(([name]) => name.includes('analysisrun-multiple-templates-invalid-name')) ?? [];
    expect(validateResource(run)).toEqual([{ path: 'metadata.name', message: expect.stringContaining('must be a lowercase RFC 1123 subdomain') }]);
  });
});

describe('valid fixtures', () => {
  it.each(validFixtures)('%s passes strict validation', (_name, doc) => {
    expect(validateResource(doc, { strict: true })).toEqual([]);
  });
});
