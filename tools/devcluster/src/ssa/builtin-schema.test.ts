// List and map semantics of built-in kinds: the patch table read as list types, plus SSA markers.
import { describe, expect, it } from '@jest/globals';
import { builtinSchema } from './builtin-schema.js';
import type { FieldSemantics } from './schema.js';

const TCP = { protocol: 'TCP' };

describe('builtinSchema', () => {
  it.each<[string, { group: string; version: string; kind: string }, string, FieldSemantics]>([
    ['containers merge by name', { group: 'apps', version: 'v1', kind: 'Deployment' }, 'spec.template.spec.containers', { mapKeys: ['name'] }],
    ['env merges by name', { group: 'apps', version: 'v1', kind: 'Deployment' }, 'spec.template.spec.containers.env', { mapKeys: ['name'] }],
    ['container ports by containerPort and protocol', { group: 'apps', version: 'v1', kind: 'Deployment' }, 'spec.template.spec.initContainers.ports', { mapKeys: ['containerPort', 'protocol'], keyDefaults: TCP }],
    ['Service ports by port and protocol', { group: '', version: 'v1', kind: 'Service' }, 'spec.ports', { mapKeys: ['port', 'protocol'], keyDefaults: TCP }],
    ['Service selector is a plain map', { group: '', version: 'v1', kind: 'Service' }, 'spec.selector', 'map'],
    ['a workload selector is an atomic LabelSelector', { group: 'apps', version: 'v1', kind: 'StatefulSet' }, 'spec.selector', 'atomic'],
    ['args are atomic', { group: '', version: 'v1', kind: 'Pod' }, 'spec.containers.args', undefined],
    ['tolerations are atomic', { group: '', version: 'v1', kind: 'Pod' }, 'spec.tolerations', undefined],
    ['topology spread constraints have two keys', { group: '', version: 'v1', kind: 'Pod' }, 'spec.topologySpreadConstraints', { mapKeys: ['topologyKey', 'whenUnsatisfiable'] }],
    ['secretKeyRef is an atomic struct', { group: 'batch', version: 'v1', kind: 'CronJob' }, 'spec.jobTemplate.spec.template.spec.containers.env.valueFrom.secretKeyRef', 'atomic'],
    ['finalizers are a set for every kind', { group: 'example.com', version: 'v1', kind: 'Unknown' }, 'metadata.finalizers', 'set'],
    ['ownerReferences merge by uid', { group: '', version: 'v1', kind: 'ConfigMap' }, 'metadata.ownerReferences', { mapKeys: ['uid'] }],
    ['Deployment conditions merge by type', { group: 'apps', version: 'v1', kind: 'Deployment' }, 'status.conditions', { mapKeys: ['type'] }],
    ['webhooks merge by name', { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration' }, 'webhooks', { mapKeys: ['name'] }],
    ['CRD versions are atomic', { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' }, 'spec.versions', undefined],
  ])('%s', (_name, kind, path, expected) => {
    expect(builtinSchema(kind)(path.split('.'))).toEqual(expected);
  });
});
