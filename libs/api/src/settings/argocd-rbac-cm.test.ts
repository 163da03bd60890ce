// argocd-rbac-cm parsing: policy.csv composed with its overlays, defaults, match mode and scopes.

import { describe, expect, it } from '@jest/globals';
import { loadYaml } from '../testing/load-yaml.js';
import type { ConfigMap } from '../types/kube-object.js';
import { parseRbacConfigMap } from './argocd-rbac-cm.js';

describe('parseRbacConfigMap', () => {
  it("parses Argo CD's documented example", () => {
    const settings = parseRbacConfigMap(loadYaml<ConfigMap>(import.meta.url, '../__fixtures__/argo-examples/argocd-rbac-cm.yaml'));
    expect(settings.policyDefault).toBe('role:readonly');
    expect(settings.matchMode).toBe('glob');
    expect(settings.scopes).toEqual(['cognito:groups', 'email']);
    expect(settings.policyCsv).toContain('p, my-org:team-alpha, applications, sync, my-project/*, allow');
    expect(settings.policyCsv).toContain('g, my-org:team-beta, role:admin');
  });

  it('defaults to glob matching, the groups scope and no default role', () => {
    expect(parseRbacConfigMap({ data: {} })).toEqual({ policyCsv: '', matchMode: 'glob', scopes: ['groups'] });
  });

  it('puts policy.csv first, then the overlays in key order, and accepts a single scope string', () => {
    const settings = parseRbacConfigMap(loadYaml<ConfigMap>(import.meta.url, './__fixtures__/argocd-rbac-cm-overlays-valid.yaml'));
    expect(settings.policyCsv.split('\n').filter((line) => line !== '')).toEqual([
      'p, role:deployer, applications, sync, */*, allow',
      'g, team-a, role:deployer',
      'g, team-b, role:admin',
    ]);
    expect(settings.matchMode).toBe('regex');
    expect(settings.scopes).toEqual(['email']);
  });

  it('reports an unknown match mode and non-string scopes together', () => {
    expect(() => parseRbacConfigMap(loadYaml<ConfigMap>(import.meta.url, './__fixtures__/argocd-rbac-cm-invalid.yaml'))).toThrow(
      'configmap argocd/argocd-rbac-cm: policy.matchMode: must be glob or regex; scopes: line 1: must be a list of strings',
    );
  });
});
