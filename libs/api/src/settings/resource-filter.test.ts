// Argo CD's resource exclusion/inclusion precedence as a table.
import { describe, expect, it } from '@jest/globals';
import { isExcludedResource } from './resource-filter.js';
import type { ResourceFilter } from './resource-filter.js';

const none: ResourceFilter = { resourceExclusions: [], resourceInclusions: [] };
const excludeTekton: ResourceFilter = { resourceExclusions: [{ apiGroups: ['tekton.dev'], kinds: ['*Run'], clusters: ['*'] }], resourceInclusions: [] };
const includeAppsOnA: ResourceFilter = { resourceExclusions: [], resourceInclusions: [{ apiGroups: ['apps'], kinds: [], clusters: ['https://a.example.com'] }] };
const both: ResourceFilter = { resourceExclusions: [{ apiGroups: ['apps'], kinds: ['DaemonSet'], clusters: [] }], resourceInclusions: [{ apiGroups: ['apps'], kinds: [], clusters: [] }] };

describe('isExcludedResource', () => {
  it.each([
    ['core Events always', none, '', 'Event', 'https://a.example.com', true],
    ['events.k8s.io always', none, 'events.k8s.io', 'Event', 'https://a.example.com', true],
    ['Leases always', none, 'coordination.k8s.io', 'Lease', 'https://a.example.com', true],
    ['a ConfigMap without filters', none, '', 'ConfigMap', 'https://a.example.com', false],
    ['a glob exclusion', excludeTekton, 'tekton.dev', 'PipelineRun', 'https://a.example.com', true],
    ['outside the glob', excludeTekton, 'tekton.dev', 'Pipeline', 'https://a.example.com', false],
    ['an inclusion on its cluster', includeAppsOnA, 'apps', 'Deployment', 'https://a.example.com', false],
    ['not included on a cluster with inclusions', includeAppsOnA, '', 'ConfigMap', 'https://a.example.com', true],
    ['a cluster without inclusions', includeAppsOnA, '', 'ConfigMap', 'https://b.example.com', false],
    ['exclusion beats inclusion', both, 'apps', 'DaemonSet', 'https://a.example.com', true],
    ['included and not excluded', both, 'apps', 'Deployment', 'https://a.example.com', false],
  ])('%s', (_label, filter, group, kind, cluster, expected) => {
    expect(isExcludedResource(filter, group, kind, cluster)).toBe(expected);
  });
});
