import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import type { ApiResource } from '../discovery/gvk.js';
import { resourcePath } from './resource-path.js';

const configMaps: ApiResource = { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true, verbs: [], preferred: true };
const crds: ApiResource = { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', resource: 'customresourcedefinitions', namespaced: false, verbs: [], preferred: true };

describe('resourcePath', () => {
  it('builds core, group, collection and object paths', () => {
    expect(resourcePath(configMaps, 'ns', 'a')).toBe('/api/v1/namespaces/ns/configmaps/a');
    expect(resourcePath(configMaps, 'ns')).toBe('/api/v1/namespaces/ns/configmaps');
    expect(resourcePath(configMaps)).toBe('/api/v1/configmaps');
    expect(resourcePath(crds, 'ignored', 'x.example.com')).toBe('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x.example.com');
  });

  it('refuses an object of a namespaced kind without a namespace', () => {
    expect(() => resourcePath(configMaps, undefined, 'a')).toThrow(InvalidInputError);
    expect(() => resourcePath(configMaps, 'ns', '')).toThrow('ConfigMap: metadata.name is required');
  });
});
