// argocd-cm parsing: Argo CD's defaults, its documented example, the legacy customization block, and
// every problem of a broken ConfigMap reported at once with key and line.

import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '../errors/driftless-error.js';
import { loadYaml } from '../testing/load-yaml.js';
import type { ConfigMap } from '../types/kube-object.js';
import { DEFAULT_RECONCILIATION_JITTER_MS, DEFAULT_RECONCILIATION_TIMEOUT_MS, parseArgoCdConfigMap } from './argocd-cm.js';
import { overrideKeyOf } from './resource-customizations.js';

const fixture = (name: string): ConfigMap => loadYaml<ConfigMap>(import.meta.url, `./__fixtures__/${name}`);

function thrown(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('parseArgoCdConfigMap', () => {
  it("uses Argo CD's defaults for an empty ConfigMap", () => {
    expect(parseArgoCdConfigMap({ metadata: { name: 'argocd-cm', namespace: 'argocd' } })).toEqual({
      reconciliationTimeoutMs: 180_000,
      reconciliationJitterMs: 0,
      hardReconciliationTimeoutMs: 0,
      instanceLabelKey: 'app.kubernetes.io/instance',
      trackingMethod: 'annotation',
      adminEnabled: true,
      anonymousEnabled: false,
      accounts: {},
      resourceOverrides: {},
      resourceExclusions: [],
      resourceInclusions: [],
      compareOptions: {},
      data: {},
    });
    expect([DEFAULT_RECONCILIATION_TIMEOUT_MS, DEFAULT_RECONCILIATION_JITTER_MS]).toEqual([180_000, 0]);
  });

  it.each([
    ['180s', 180_000],
    ['3m', 180_000],
    ['1h30m', 5_400_000],
    ['0', 0],
    ['2.5s', 2_500],
    ['500ms', 500],
  ])('reads timeout.reconciliation %s as %i ms', (value, ms) => {
    expect(parseArgoCdConfigMap({ data: { 'timeout.reconciliation': value } }).reconciliationTimeoutMs).toBe(ms);
  });

  it("parses Argo CD's documented example", () => {
    const settings = parseArgoCdConfigMap(fixture('argocd-cm-docs-excerpt-valid.yaml'));
    expect(settings).toMatchObject({
      url: 'https://argo-cd-demo.argoproj.io',
      reconciliationTimeoutMs: 180_000,
      reconciliationJitterMs: 0,
      instanceLabelKey: 'mycompany.com/appname',
      trackingMethod: 'annotation',
      adminEnabled: false,
      anonymousEnabled: true,
      accounts: { alice: { capabilities: ['apiKey', 'login'], enabled: false } },
      resourceExclusions: [{ apiGroups: ['repositories.stash.appscode.com'], kinds: ['Snapshot'], clusters: ['*.local'] }],
      compareOptions: { ignoreAggregatedRoles: true, ignoreResourceStatusField: 'crd' },
    });
    expect(Object.keys(settings.resourceOverrides).sort()).toEqual([
      '*/*',
      'admissionregistration.k8s.io/MutatingWebhookConfiguration',
      'apps/Deployment',
      'argoproj.io/Application',
      'cert-manager.io/Certificate',
    ]);
    expect(settings.resourceOverrides['*/*']).toEqual({ ignoreDifferences: { jsonPointers: ['/spec/replicas'], managedFieldsManagers: ['kube-controller-manager'] } });
    expect(settings.resourceOverrides['argoproj.io/Application']).toEqual({ ignoreResourceUpdates: { jsonPointers: ['/status'] } });
    expect(settings.resourceOverrides['cert-manager.io/Certificate']?.healthLua).toContain('hs.status = "Progressing"');
    const actions = settings.resourceOverrides['apps/Deployment']?.actions;
    expect(actions?.discoveryLua).toContain('actions["restart"] = {}');
    expect(actions?.definitions.map((d) => d.name)).toEqual(['restart']);
    expect(actions?.definitions[0]?.actionLua).toContain('kubectl.kubernetes.io/restartedAt');
    // Unmodelled keys stay readable, unquoted YAML booleans as strings.
    expect(settings.data['kustomize.enabled']).toBe('true');
  });

  it('merges the legacy resource.customizations block with split keys, split keys winning', () => {
    const settings = parseArgoCdConfigMap(fixture('argocd-cm-legacy-customizations-valid.yaml'));
    expect(settings.reconciliationTimeoutMs).toBe(5_400_000);
    expect(settings.reconciliationJitterMs).toBe(45_000);
    expect(settings.trackingMethod).toBe('annotation+label');
    expect(settings.resourceOverrides).toEqual({
      'apps/Deployment': { healthLua: 'return {status = "Progressing"}\n', useOpenLibs: true, ignoreDifferences: { jsonPointers: ['/spec/replicas'] } },
      Service: { useOpenLibs: true, knownTypeFields: [{ field: 'spec.template', type: 'core/v1/PodTemplateSpec' }] },
    });
  });

  it('reports every problem at once, naming the ConfigMap, the key and the YAML line', () => {
    const error = thrown(() => parseArgoCdConfigMap(fixture('argocd-cm-invalid.yaml')));
    expect(error.message.startsWith('configmap argocd/argocd-cm: ')).toBe(true);
    expect(error.problems).toEqual([
      { path: 'application.resourceTrackingMethod', message: 'must be one of annotation, label, annotation+label' },
      { path: 'timeout.reconciliation', message: 'invalid duration "3 minutes" (want a Go duration such as 180s, 3m or 1h30m)' },
      { path: 'timeout.reconciliation.jitter', message: 'invalid duration "-1m" (want a Go duration such as 180s, 3m or 1h30m)' },
      { path: 'admin.enabled', message: 'must be "true" or "false", got "nope"' },
      { path: 'accounts.bob', message: 'unknown capability "ssh" (want apiKey, login)' },
      {
        path: 'resource.customizations.colour.apps_Deployment',
        message: 'unknown customization type "colour" (want health, useOpenLibs, actions, ignoreDifferences, ignoreResourceUpdates or knownTypeFields)',
      },
      { path: 'resource.customizations.ignoreDifferences.apps_Deployment', message: 'line 1: jsonPointers: must be a list of strings' },
      { path: 'resource.exclusions', message: 'invalid YAML at line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]' },
      { path: 'resource.inclusions', message: 'line 2: [0].kinds: must be a list of strings' },
      { path: 'url', message: 'must be an absolute URL' },
    ]);
    expect(error.message).toContain('resource.inclusions: line 2: [0].kinds: must be a list of strings');
  });

  it('names a ConfigMap without metadata by its well-known name', () => {
    expect(() => parseArgoCdConfigMap({ data: { 'admin.enabled': 'maybe' } })).toThrow('configmap argocd-cm: admin.enabled: must be "true" or "false", got "maybe"');
  });
});

describe('overrideKeyOf', () => {
  it.each([
    ['apps_Deployment', 'apps/Deployment'],
    ['cert-manager.io_Certificate', 'cert-manager.io/Certificate'],
    ['Service', 'Service'],
    ['all', '*/*'],
    ['a_b_c', undefined],
    ['', undefined],
  ])('%s → %s', (groupKind, key) => {
    expect(overrideKeyOf(groupKind)).toBe(key);
  });
});
