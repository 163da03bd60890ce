// Public API of the server-side apply library: field sets, FieldsV1, apply, update bookkeeping, conflicts.
export { serverSideApply } from './apply.js';
export type { ServerSideApplyArgs, ServerSideApplyResult } from './apply.js';
export { recordUpdate } from './record-update.js';
export type { RecordUpdateArgs } from './record-update.js';
export { conflictCauses, conflictMessage } from './conflicts.js';
export type { ApplyConflict, ConflictCause } from './conflicts.js';
export { FieldSet } from './field-set.js';
export { fieldSetOf } from './to-field-set.js';
export { fromFieldsV1, toFieldsV1 } from './fields-v1.js';
export { pathToString } from './path-element.js';
export type { Path, PathElement } from './path-element.js';
export type { ManagedFieldsEntry } from './managers.js';
export type { FieldSemantics, SchemaLookup } from './schema.js';
export { builtinSchema } from './builtin-schema.js';
export { crdSchema } from './crd-schema.js';
export { SsaError } from './ssa-error.js';
export type { SsaErrorReason } from './ssa-error.js';
export { ANCIENT_CHANGES, MAX_UPDATE_MANAGERS } from './cap-managers.js';
