// Parses the RBAC settings ConfigMap `argocd-rbac-cm`: the Casbin policy (policy.csv plus every
// policy.<name>.csv overlay), the default role, the match mode and the OIDC scopes RBAC looks at.

import { ARGOCD_RBAC_CM } from '../constants.js';
import type { ConfigMap } from '../types/kube-object.js';
import { ConfigMapReader } from './config-map-reader.js';

/** How policy objects match: Argo's glob (default) or regular expressions. */
export type PolicyMatchMode = 'glob' | 'regex';

/** The parsed `argocd-rbac-cm`. */
export interface RbacSettings {
  /** `policy.csv` followed by every `policy.<name>.csv` in key order, newline-separated. */
  policyCsv: string;
  /** `policy.default`: role every authenticated user has, e.g. `role:readonly`; absent means none. */
  policyDefault?: string;
  /** `policy.matchMode`. @defaultValue `glob` */
  matchMode: PolicyMatchMode;
  /** `scopes`: token claims whose values are matched as groups. @defaultValue `["groups"]` */
  scopes: string[];
}

/**
 * Parses `argocd-rbac-cm` as Argo CD composes it: the main `policy.csv` first, then the overlays
 * `policy.*.csv` sorted by key. `scopes` is YAML: a string or a list of strings. Throws InvalidInputError
 * naming the ConfigMap and every bad key.
 */
export function parseRbacConfigMap(configMap: ConfigMap): RbacSettings {
  const reader = new ConfigMapReader(configMap, ARGOCD_RBAC_CM);
  const parts: string[] = [];
  const main = reader.data['policy.csv'];
  if (main !== undefined) parts.push(main);
  for (const key of reader.keysWithPrefix('policy.')) {
    if (key !== 'policy.csv' && key.endsWith('.csv')) parts.push(reader.data[key] ?? '');
  }
  const mode = reader.string('policy.matchMode') ?? 'glob';
  if (mode !== 'glob' && mode !== 'regex') reader.problem('policy.matchMode', 'must be glob or regex');
  const scopes = reader.yaml('scopes', (root) => {
    if (typeof root.value === 'string') return [root.value];
    return root.stringList();
  });
  const settings: RbacSettings = {
    policyCsv: parts.join('\n'),
    matchMode: mode === 'regex' ? 'regex' : 'glob',
    scopes: scopes ?? ['groups'],
  };
  const policyDefault = reader.string('policy.default');
  if (policyDefault !== undefined) settings.policyDefault = policyDefault;
  reader.finish();
  return settings;
}
