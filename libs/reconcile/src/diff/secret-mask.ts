// Hiding Secret values in diff output as gitops-engine's HideSecretData does: per key, every distinct value
// becomes a run of `+` (8, then 12, 16, …), so a diff shows which keys changed but never their values.

import { isObject } from './json-value.js';
import type { JsonObject } from './json-value.js';

/** The first mask; each further distinct value of the same key gets four more `+`. */
export const SECRET_MASK = '++++++++';

/**
 * Replaces, in place, the `data` values of every given Secret (absent ones skipped). For each key the
 * distinct values are numbered in the order of `secrets` and masked by that number: equal values get equal
 * masks across all the objects, different values different masks.
 * Example: live `{a: eA==}`, predicted `{a: eQ==}` → live `{a: ++++++++}`, predicted `{a: ++++++++++++}`.
 */
export function maskSecretData(...secrets: readonly (JsonObject | null | undefined)[]): void {
  const datas = secrets.map((secret) => (isObject(secret) && isObject(secret['data']) ? secret['data'] : undefined));
  const keys = new Set(datas.flatMap((data) => Object.keys(data ?? {})));
  for (const key of keys) {
    const masks = new Map<string, string>();
    for (const data of datas) {
      if (data === undefined || !(key in data)) continue;
      const value = JSON.stringify(data[key]);
      let mask = masks.get(value);
      if (mask === undefined) {
        mask = SECRET_MASK + '++++'.repeat(masks.size);
        masks.set(value, mask);
      }
      data[key] = mask;
    }
  }
}
