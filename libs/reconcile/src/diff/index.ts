// Public surface of diff/: Argo CD-compatible resource diffing, ignoreDifferences and Secret masking.
export { diffResource } from './diff-resource.js';
export type { DiffInput, DiffResult, IgnoreStatusMode } from './diff-resource.js';
export { ARGOCD_SSA_MANAGER, serverSideDiff } from './server-side-diff.js';
export type { ServerSideDiffInput } from './server-side-diff.js';
export { ignoresStatus } from './ignore-status.js';
export { applyIgnoreRules, ignoreRulesFor } from './ignore-differences.js';
export type { IgnoreRules, IgnoreTarget } from './ignore-differences.js';
export { SECRET_MASK, maskSecretData } from './secret-mask.js';
export { ANNOTATION_LAST_APPLIED, parseQuantity } from './normalize.js';
export type { JsonObject, JsonValue } from './json-value.js';
