// The `group/kind` key that health checks (built-in and custom) are looked up by.
import { str } from './fields.js';
import type { PlainObject } from './types.js';

/**
 * `group/kind` of an object from its apiVersion and kind: `apps/v1` Deployment → `apps/Deployment`,
 * core `v1` Pod → `Pod` (the core group is empty, as in argocd-cm's
 * `resource.customizations.health.<group>_<kind>` keys with `_` read as `/`).
 */
export function groupKindKey(obj: PlainObject): string {
  const apiVersion = str(obj, ['apiVersion']);
  const kind = str(obj, ['kind']);
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return group ? `${group}/${kind}` : kind;
}
