// Strategies of core kinds without allocation: namespaces, pods, secrets, configmaps.
import type { FieldError } from '../errors/statuses.js';
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { metaOf, metaString } from '../model/meta.js';
import { defaultPodSpec } from './pod-spec-defaults.js';
import { defaultTo, objectAt } from './strategy.js';
import type { KindStrategy } from './strategy.js';

/** Namespaces: phase Active, the `kubernetes` finalizer, the kubernetes.io/metadata.name label. */
export const namespaceStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = { phase: 'Active' };
    const spec = objectAt(obj, 'spec');
    defaultTo(spec, 'finalizers', ['kubernetes']);
    nameLabel(obj);
  },
  prepareForUpdate(obj, old) {
    // spec.finalizers change only through /finalize.
    obj['spec'] = old['spec'] ?? {};
    nameLabel(obj);
  },
  beginDelete(obj) {
    obj['status'] = { ...(isJsonObject(obj['status']) ? obj['status'] : {}), phase: 'Terminating' };
  },
  blocksDeletion(obj) {
    const finalizers = isJsonObject(obj['spec']) ? obj['spec']['finalizers'] : undefined;
    return Array.isArray(finalizers) && finalizers.length > 0;
  },
};

function nameLabel(obj: JsonObject): void {
  const meta = metaOf(obj);
  const labels = objectAt(meta, 'labels');
  labels['kubernetes.io/metadata.name'] = metaString(obj, 'name') ?? '';
}

/** Pods: phase Pending and QoS class on create, pod spec defaults. */
export const podStrategy: KindStrategy = {
  prepareForCreate(obj) {
    const spec = objectAt(obj, 'spec');
    defaultPodSpec(spec);
    defaultTo(spec, 'serviceAccountName', 'default');
    defaultTo(spec, 'serviceAccount', spec['serviceAccountName'] ?? 'default');
    defaultTo(spec, 'enableServiceLinks', true);
    defaultTo(spec, 'priority', 0);
    defaultTo(spec, 'preemptionPolicy', 'PreemptLowerPriority');
    obj['status'] = { phase: 'Pending', qosClass: qosClass(spec) };
  },
};

function qosClass(spec: JsonObject): string {
  const containers = Array.isArray(spec['containers']) ? spec['containers'] : [];
  const resources = containers.filter(isJsonObject).map((c) => (isJsonObject(c['resources']) ? c['resources'] : {}));
  const has = (r: JsonObject, key: string): boolean => isJsonObject(r[key]) && Object.keys(r[key]).length > 0;
  if (resources.every((r) => !has(r, 'requests') && !has(r, 'limits'))) return 'BestEffort';
  const guaranteed = resources.every((r) => {
    const limits = r['limits'];
    return isJsonObject(limits) && limits['cpu'] !== undefined && limits['memory'] !== undefined;
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function immutableData(fields: readonly string[]): KindStrategy['validate'] {
  return (obj, old) => {
    if (old === undefined || old['immutable'] !== true) return [];
    const errors: FieldError[] = [];
    for (const field of fields) {
      if (JSON.stringify(obj[field] ?? null) !== JSON.stringify(old[field] ?? null)) {
        errors.push({ type: 'FieldValueForbidden', field, detail: `field is immutable when \`immutable\` is set` });
      }
    }
    if (obj['immutable'] !== true) errors.push({ type: 'FieldValueForbidden', field: 'immutable', detail: `field is immutable when \`immutable\` is set` });
    return errors;
  };
}

function base64(text: JsonValue | undefined): string {
  return Buffer.from(typeof text === 'string' ? text : '', 'utf8').toString('base64');
}

function foldStringData(obj: JsonObject): void {
  defaultTo(obj, 'type', 'Opaque');
  const stringData = obj['stringData'];
  if (isJsonObject(stringData)) {
    const data = objectAt(obj, 'data');
    for (const [key, value] of Object.entries(stringData)) data[key] = base64(value);
  }
  delete obj['stringData'];
}

/** Secrets: type Opaque by default; stringData folds into data; immutability. */
export const secretStrategy: KindStrategy = {
  prepareForCreate: foldStringData,
  prepareForUpdate: foldStringData,
  validate: immutableData(['data']),
};

/** ConfigMaps: immutability of data and binaryData. */
export const configMapStrategy: KindStrategy = {
  validate: immutableData(['data', 'binaryData']),
};
