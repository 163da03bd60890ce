// Validation of metadata every object shares: name, namespace, labels, annotations (upstream ObjectMeta rules).
import type { FieldError } from '../errors/statuses.js';
import { isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import type { NameRule } from '../registry/descriptor.js';
import { validateLabelKey, validateLabelValue } from './labels.js';
import { nameProblems } from './names.js';

const ANNOTATIONS_LIMIT = 256 * 1024;

/** Field errors of `obj.metadata` for a resource whose names follow `rule`. */
export function validateObjectMeta(obj: JsonObject, rule: NameRule, namespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const meta = isJsonObject(obj['metadata']) ? obj['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const generateName = typeof meta['generateName'] === 'string' ? meta['generateName'] : '';
  if (name === '') {
    if (generateName === '') errors.push({ type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' });
  } else {
    for (const problem of nameProblems(name, rule)) errors.push({ type: 'FieldValueInvalid', field: 'metadata.name', value: JSON.stringify(name), detail: problem });
  }
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
  if (namespaced && namespace === '') errors.push({ type: 'FieldValueRequired', field: 'metadata.namespace', detail: '' });
  if (!namespaced && namespace !== '') errors.push({ type: 'FieldValueForbidden', field: 'metadata.namespace', detail: 'not allowed on this type' });
  errors.push(...validateStringMap(meta['labels'], 'metadata.labels', true));
  errors.push(...validateStringMap(meta['annotations'], 'metadata.annotations', false));
  const annotations = meta['annotations'];
  if (isJsonObject(annotations)) {
    const size = Object.entries(annotations).reduce((n, [k, v]) => n + k.length + (typeof v === 'string' ? v.length : 0), 0);
    if (size > ANNOTATIONS_LIMIT) errors.push({ type: 'FieldValueTooLong', field: 'metadata.annotations', detail: `may not be more than ${ANNOTATIONS_LIMIT} bytes` });
  }
  return errors;
}

function validateStringMap(value: unknown, field: string, checkValues: boolean): FieldError[] {
  if (value === undefined || value === null) return [];
  if (!isJsonObject(value)) return [{ type: 'FieldValueInvalid', field, value: JSON.stringify(value), detail: 'must be a map of strings' }];
  const errors: FieldError[] = [];
  for (const [key, v] of Object.entries(value)) {
    const keyProblem = validateLabelKey(key);
    if (keyProblem !== undefined) errors.push({ type: 'FieldValueInvalid', field, value: JSON.stringify(key), detail: keyProblem });
    if (typeof v !== 'string') errors.push({ type: 'FieldValueInvalid', field: `${field}`, value: JSON.stringify(v), detail: 'must be a string' });
    else if (checkValues) {
      const valueProblem = validateLabelValue(v);
      if (valueProblem !== undefined) errors.push({ type: 'FieldValueInvalid', field, value: JSON.stringify(v), detail: valueProblem });
    }
  }
  return errors;
}
