// Checks objects against the openAPIV3Schema of the shipped CRDs with ajv, the way an API server would:
// nulls dropped first, every problem collected, `x-kubernetes-*` extensions understood.

import ajvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { FieldProblem } from '../errors/driftless-error.js';
import type { JsonSchema } from '../types/custom-resource-definition.js';
import { problemsFromAjv } from './ajv-problems.js';
import { loadCrdManifests } from './crd-files.js';
import { closeObjects, hoistSharedSchemas } from './schema-transform.js';

/** One served version of one custom resource, with its schema. */
export interface CrdSchema {
  /** CRD object name, e.g. `applications.argoproj.io`. */
  crdName: string;
  group: string;
  version: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  schema: JsonSchema;
}

/** Options for {@link validateAgainstCrd}. */
export interface CrdValidationOptions {
  /**
   * Also report fields the schema does not declare (`unknown field`), like `kubectl --validate=strict`.
   * Parts marked `x-kubernetes-preserve-unknown-fields` (pod templates, Helm values) accept anything.
   * @defaultValue false
   */
  strict?: boolean;
}

const KUBERNETES_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
];

const INT32 = 2 ** 31;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
// Formats the API server accepts without checking them here.
const UNCHECKED_FORMATS = ['byte', 'double', 'float', 'date', 'duration', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'cidr', 'mac', 'uuid', 'password', 'int-or-string'];

let schemas: ReadonlyMap<string, CrdSchema> | undefined;
const validators = new Map<string, ValidateFunction>();
// ajv is CommonJS: plain node's ESM import sees only its module.exports (whose `default` is the class).
const Ajv = ajvModule.default;
let ajv: InstanceType<typeof Ajv> | undefined;

/** Key of a resource type: `group/version/Kind`. */
function typeKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/**
 * Every served version of every shipped CRD, keyed `group/version/Kind` (e.g.
 * `argoproj.io/v1alpha1/Application`). Read from disk once per process.
 */
export function loadCrdSchemas(): ReadonlyMap<string, CrdSchema> {
  if (schemas === undefined) {
    const map = new Map<string, CrdSchema>();
    for (const crd of loadCrdManifests()) {
      for (const version of crd.spec.versions) {
        const schema = version.schema?.openAPIV3Schema;
        if (!version.served || schema === undefined) continue;
        const { group, names, scope } = crd.spec;
        map.set(typeKey(group, version.name, names.kind), { crdName: crd.metadata.name ?? '', group, version: version.name, kind: names.kind, scope, schema });
      }
    }
    schemas = map;
  }
  return schemas;
}

/**
 * Validates `obj` against the CRD schema of its `apiVersion`/`kind` and returns every problem (empty when
 * valid). An object whose type no shipped CRD serves gives one problem on `apiVersion` or `kind`. Like the
 * API server, null-valued fields are dropped before checking.
 */
export function validateAgainstCrd(obj: unknown, options: CrdValidationOptions = {}): FieldProblem[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [{ path: '<root>', message: 'must be an object' }];
  const record = obj as Record<string, unknown>;
  const { apiVersion, kind } = record;
  if (typeof apiVersion !== 'string' || apiVersion === '') return [{ path: 'apiVersion', message: 'required' }];
  if (typeof kind !== 'string' || kind === '') return [{ path: 'kind', message: 'required' }];
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const all = loadCrdSchemas();
  const entry = all.get(typeKey(group ?? '', version ?? '', kind));
  if (entry === undefined) {
    const served = [...all.values()].filter((s) => s.group === group && s.kind === kind).map((s) => s.version);
    if (served.length > 0) return [{ path: 'apiVersion', message: `${kind} is served as ${served.map((v) => `${group}/${v}`).join(', ')}, not ${apiVersion}` }];
    return [{ path: 'kind', message: `no CRD defines ${kind} in ${apiVersion}` }];
  }
  const validate = compiled(entry, options.strict === true);
  if (validate(withoutNulls(obj))) return [];
  return problemsFromAjv(validate.errors ?? []);
}

function compiled(entry: CrdSchema, strict: boolean): ValidateFunction {
  const key = `${typeKey(entry.group, entry.version, entry.kind)}${strict ? '#strict' : ''}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    const shared = hoistSharedSchemas(entry.schema);
    validate = instance().compile(strict ? closeObjects(shared) : shared);
    validators.set(key, validate);
  }
  return validate;
}

function instance(): InstanceType<typeof Ajv> {
  if (ajv === undefined) {
    ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { optimize: false } });
    ajv.addVocabulary(KUBERNETES_KEYWORDS);
    ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 });
    ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    ajv.addFormat('date-time', RFC3339);
    for (const format of UNCHECKED_FORMATS) ajv.addFormat(format, true);
  }
  return ajv;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}
