// Joins the two halves of a three-way strategic patch, as upstream's mergeMap does with empty
// MergeOptions (patch merged into patch: directives copied, merge lists matched by key).
import { isJsonObject } from '../json.js';
import type { JsonObject, JsonValue } from '../json.js';
import { lookupField } from '../strategic/patch-meta.js';
import type { TypePatchMeta } from '../strategic/patch-meta.js';

/**
 * Merges `additions` (current → modified, no deletions) into `deletions` (original → modified,
 * deletions only). The halves touch disjoint leaves — a field is either still in the config or
 * not — so values of `additions` win and only maps and merge lists need recursion. Mutates and
 * returns `deletions`.
 */
export function combinePatches(deletions: JsonObject, additions: JsonObject, schema: TypePatchMeta | undefined): JsonObject {
  for (const [key, value] of Object.entries(additions)) {
    const existing = Object.hasOwn(deletions, key) ? deletions[key] : undefined;
    if (existing === undefined || value === null) {
      deletions[key] = value;
      continue;
    }
    const meta = lookupField(schema, key);
    if (isJsonObject(existing) && isJsonObject(value) && meta.strategy !== 'replace') {
      deletions[key] = combinePatches(existing, value, meta.schema);
    } else if (Array.isArray(existing) && Array.isArray(value) && meta.strategy === 'merge' && meta.mergeKey !== undefined) {
      deletions[key] = combineLists(existing, value, meta.mergeKey, meta.schema);
    } else {
      deletions[key] = value;
    }
  }
  return deletions;
}

/** Elements of both halves with the same merge key are combined; the rest are kept, additions first. */
function combineLists(deletions: JsonValue[], additions: JsonValue[], mergeKey: string, schema: TypePatchMeta | undefined): JsonValue[] {
  const rest = [...deletions];
  const combined = additions.map((item) => {
    if (!isJsonObject(item)) return item;
    const match = rest.findIndex((candidate) => isJsonObject(candidate) && candidate[mergeKey] === item[mergeKey] && !('$patch' in candidate));
    if (match < 0) return item;
    const [partner] = rest.splice(match, 1);
    return isJsonObject(partner) ? combinePatches(partner, item, schema) : item;
  });
  return [...combined, ...rest];
}
