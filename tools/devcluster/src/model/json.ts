// Plain JSON values: what the dev cluster stores, patches and sends (the shared definitions of
// @driftless/api). Stored state is always handed out as deep copies.
export { cloneJson, isJsonObject } from '@driftless/api';
export type { JsonObject, JsonValue } from '@driftless/api';
