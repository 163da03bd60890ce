// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for (rows carry PartialObjectMetadata).
import type { JsonObject, JsonValue } from '../model/json.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';

/** What rows carry in `object` (the includeObject query parameter). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

const NAME_COLUMN: JsonObject = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};

/**
 * Upstream's duration.HumanDuration: 45s, 3m12s, 25m, 5h7m, 30h, 3d4h, 40d, 2y100d.
 * Worked example: 18,420 s → 307 min → 5 h and 7 min → "5h7m" (under 3 h it stays in minutes: "125m").
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}

function rowObject(obj: JsonObject, include: IncludeObject): JsonValue | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj['metadata'] ?? {} };
}

function row(desc: ResourceDescriptor, obj: JsonObject, include: IncludeObject, now: number): JsonObject {
  const meta = obj['metadata'];
  const name = typeof meta === 'object' && meta !== null && !Array.isArray(meta) && typeof meta['name'] === 'string' ? meta['name'] : '';
  const cells: JsonValue[] = [name];
  for (const column of desc.printerColumns) {
    const value = column.cell(obj);
    cells.push(column.type === 'date' && typeof value === 'string' && value !== '' ? humanDuration(now - Date.parse(value)) : value);
  }
  const out: JsonObject = { cells };
  const object = rowObject(obj, include);
  if (object !== undefined) out['object'] = object;
  return out;
}

/** A Table of `objects` (which must carry kind/apiVersion when include is Object). */
export function toTable(desc: ResourceDescriptor, objects: readonly JsonObject[], listMeta: JsonObject, include: IncludeObject, now: number): JsonObject {
  const columnDefinitions: JsonValue[] = [
    NAME_COLUMN,
    ...desc.printerColumns.map((c) => ({ name: c.name, type: c.type, format: c.format, description: c.description, priority: c.priority })),
  ];
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: listMeta, columnDefinitions, rows: objects.map((o) => row(desc, o, include, now)) };
}
