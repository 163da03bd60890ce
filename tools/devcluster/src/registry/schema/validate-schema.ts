// Validation of custom resources against their CRD's OpenAPI v3 schema (ajv), with upstream-like messages.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FieldError } from '../../errors/statuses.js';
import { isJsonObject } from '../../model/json.js';
import type { JsonObject, JsonValue } from '../../model/json.js';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, discriminator: false });
const compiled = new WeakMap<JsonObject, ValidateFunction>();

/** Translates Kubernetes schema extensions into plain JSON Schema for ajv. */
function toJsonSchema(schema: JsonValue): JsonValue {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isJsonObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-') || key === 'default' || key === 'example' || key === 'description') continue;
    out[key] = key === 'properties' || key === 'patternProperties' || key === 'definitions' ? mapValues(value) : toJsonSchema(value);
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    delete out['type'];
    out['anyOf'] = [{ type: 'integer' }, { type: 'string' }];
  }
  if (schema['nullable'] === true && typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  delete out['nullable'];
  return out;
}

function mapValues(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
}

function validatorFor(schema: JsonObject): ValidateFunction {
  let fn = compiled.get(schema);
  if (fn === undefined) {
    // metadata is validated by the generic ObjectMeta rules, not by the CRD schema.
    const plain = toJsonSchema(schema) as JsonObject;
    if (isJsonObject(plain['properties'])) delete plain['properties']['metadata'];
    fn = ajv.compile(plain);
    compiled.set(schema, fn);
  }
  return fn;
}

function fieldOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc === '' ? p : `${acc}.${p}`), '');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function translate(err: ErrorObject, obj: JsonObject): FieldError | undefined {
  const field = fieldOf(err.instancePath);
  const value = err.instancePath.split('/').slice(1).reduce<unknown>((cur, p) => (cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p.replace(/~1/g, '/')] : undefined), obj);
  const rendered = JSON.stringify(value ?? null);
  switch (err.keyword) {
    case 'type':
      return { type: 'FieldValueInvalid', field, value: JSON.stringify(typeName(value)), detail: `${field} in body must be of type ${String(err.params['type'])}: ${JSON.stringify(typeName(value))}` };
    case 'required': {
      const missing = String(err.params['missingProperty']);
      return { type: 'FieldValueRequired', field: field === '' ? missing : `${field}.${missing}`, detail: '' };
    }
    case 'enum': {
      const allowed = Array.isArray(err.params['allowedValues']) ? err.params['allowedValues'].map((v) => JSON.stringify(v)).join(', ') : '';
      return { type: 'FieldValueNotSupported', field, value: rendered, detail: `supported values: ${allowed}` };
    }
    case 'anyOf':
    case 'oneOf':
    case 'if':
      return undefined; // the branch errors say more.
    default:
      return { type: 'FieldValueInvalid', field, value: rendered, detail: `${field} in body ${err.message ?? 'is invalid'}` };
  }
}

/** Field errors of `obj` against `schema` (empty when valid). */
export function validateAgainstSchema(schema: JsonObject, obj: JsonObject): FieldError[] {
  const validate = validatorFor(schema);
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => translate(e, obj)).filter((e): e is FieldError => e !== undefined);
}
