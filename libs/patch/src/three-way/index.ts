// Patch creation for client-side apply: kubectl apply's three-way patches and its annotation.
export { createThreeWayMergePatch } from './three-way-merge-patch.js';
export { createThreeWayJsonMergePatch } from './three-way-json-merge-patch.js';
export { LAST_APPLIED_ANNOTATION, readLastAppliedConfiguration, withLastAppliedConfiguration } from './last-applied.js';
export { encodeGoJson } from './go-json.js';
