// Runs every validation a write must pass and throws one 422 Invalid listing all field errors.
import { invalid } from '../errors/statuses.js';
import type { FieldError } from '../errors/statuses.js';
import type { JsonObject } from '../model/json.js';
import { metaString } from '../model/meta.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { validateAgainstSchema } from '../registry/schema/validate-schema.js';
import { strategyFor } from '../strategies/index.js';
import { validateObjectMeta } from '../validation/object-meta.js';
import { bucketId } from '../model/object-ref.js';

/** Validates metadata, the kind's own rules and (custom resources) the CRD schema; `old` on updates. */
export function validateObject(desc: ResourceDescriptor, obj: JsonObject, old: JsonObject | undefined): void {
  const errors: FieldError[] = [...validateObjectMeta(obj, desc.nameRule, desc.namespaced)];
  if (old !== undefined) errors.push(...immutableMeta(obj, old));
  errors.push(...(strategyFor(bucketId(desc)).validate?.(obj, old) ?? []));
  if (desc.schema !== undefined) errors.push(...validateAgainstSchema(desc.schema, obj));
  if (errors.length > 0) throw invalid(desc.group, desc.kind, metaString(obj, 'name') ?? metaString(obj, 'generateName') ?? '', errors);
}

function immutableMeta(obj: JsonObject, old: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  const oldFinalizers = new Set(strings(old, 'finalizers'));
  if (metaString(old, 'deletionTimestamp') !== undefined) {
    const added = strings(obj, 'finalizers').filter((f) => !oldFinalizers.has(f));
    if (added.length > 0) {
      errors.push({ type: 'FieldValueForbidden', field: 'metadata.finalizers', detail: `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}` });
    }
  }
  return errors;
}

function strings(obj: JsonObject, field: string): string[] {
  const meta = obj['metadata'];
  const value = typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? meta[field] : undefined;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
