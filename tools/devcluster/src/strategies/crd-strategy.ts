// CustomResourceDefinitions: the naming and version rules kube-apiserver enforces before serving a CRD.
import type { FieldError } from '../errors/statuses.js';
import { isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import { metaString, readPath } from '../model/meta.js';
import { dns1123SubdomainProblem } from '../validation/names.js';
import { defaultTo, objectAt } from './strategy.js';
import type { KindStrategy } from './strategy.js';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function validateNames(spec: JsonObject, errors: FieldError[]): void {
  const names = isJsonObject(spec['names']) ? spec['names'] : {};
  const plural = str(names['plural']);
  if (plural === '') errors.push({ type: 'FieldValueRequired', field: 'spec.names.plural', detail: '' });
  else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(plural)) errors.push({ type: 'FieldValueInvalid', field: 'spec.names.plural', value: JSON.stringify(plural), detail: 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character' });
  const kind = str(names['kind']);
  if (kind === '') errors.push({ type: 'FieldValueRequired', field: 'spec.names.kind', detail: '' });
  else if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) errors.push({ type: 'FieldValueInvalid', field: 'spec.names.kind', value: JSON.stringify(kind), detail: 'may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?' });
}

function validateVersions(spec: JsonObject, errors: FieldError[]): void {
  const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isJsonObject) : [];
  if (versions.length === 0) {
    errors.push({ type: 'FieldValueInvalid', field: 'spec.versions', value: '[]', detail: 'must have exactly one version marked as storage version' });
    return;
  }
  const storage = versions.filter((v) => v['storage'] === true).length;
  if (storage !== 1) errors.push({ type: 'FieldValueInvalid', field: 'spec.versions', value: '', detail: 'must have exactly one version marked as storage version' });
  versions.forEach((v, i) => {
    if (str(v['name']) === '') errors.push({ type: 'FieldValueRequired', field: `spec.versions[${i}].name`, detail: '' });
    if (typeof v['served'] !== 'boolean') errors.push({ type: 'FieldValueRequired', field: `spec.versions[${i}].served`, detail: '' });
    if (!isJsonObject(readPath(v, ['schema', 'openAPIV3Schema']))) errors.push({ type: 'FieldValueRequired', field: `spec.versions[${i}].schema.openAPIV3Schema`, detail: 'schemas are required' });
  });
  const webhook = readPath(spec, ['conversion', 'strategy']);
  if (webhook === 'Webhook') errors.push({ type: 'FieldValueNotSupported', field: 'spec.conversion.strategy', value: '"Webhook"', detail: 'the dev cluster does not run conversion webhooks (D9)' });
}

/** The finalizer kube-apiserver adds to a CRD being deleted until its custom resources are gone. */
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

/** CRD validation: name = plural.group, scope, names, exactly one storage version, schemas present. */
export const crdStrategy: KindStrategy = {
  prepareForCreate(obj) {
    const spec = objectAt(obj, 'spec');
    defaultTo(spec, 'conversion', { strategy: 'None' });
  },
  prepareForUpdate(obj) {
    defaultTo(objectAt(obj, 'spec'), 'conversion', { strategy: 'None' });
  },
  beginDelete(obj) {
    // The CRD controller removes every custom resource before it lets the CRD go.
    const meta = objectAt(obj, 'metadata');
    const finalizers = Array.isArray(meta['finalizers']) ? meta['finalizers'] : [];
    if (!finalizers.includes(CRD_CLEANUP_FINALIZER)) meta['finalizers'] = [...finalizers, CRD_CLEANUP_FINALIZER];
  },
  validate(obj, old) {
    const errors: FieldError[] = [];
    const spec = isJsonObject(obj['spec']) ? obj['spec'] : {};
    const group = str(spec['group']);
    const plural = str(readPath(spec, ['names', 'plural']));
    const name = metaString(obj, 'name') ?? '';
    if (group === '') errors.push({ type: 'FieldValueRequired', field: 'spec.group', detail: '' });
    else {
      const problem = dns1123SubdomainProblem(group);
      if (problem !== undefined) errors.push({ type: 'FieldValueInvalid', field: 'spec.group', value: JSON.stringify(group), detail: problem });
      else if (!group.includes('.')) errors.push({ type: 'FieldValueInvalid', field: 'spec.group', value: JSON.stringify(group), detail: 'should be a domain with at least one dot' });
    }
    if (name !== `${plural}.${group}`) errors.push({ type: 'FieldValueInvalid', field: 'metadata.name', value: JSON.stringify(name), detail: 'must be spec.names.plural+"."+spec.group' });
    const scope = spec['scope'];
    if (scope !== 'Namespaced' && scope !== 'Cluster') errors.push({ type: 'FieldValueNotSupported', field: 'spec.scope', value: JSON.stringify(scope ?? ''), detail: 'supported values: "Cluster", "Namespaced"' });
    validateNames(spec, errors);
    validateVersions(spec, errors);
    if (old !== undefined) {
      if (readPath(old, ['spec', 'scope']) !== scope) errors.push({ type: 'FieldValueInvalid', field: 'spec.scope', value: JSON.stringify(scope), detail: 'field is immutable' });
      if (readPath(old, ['spec', 'group']) !== group) errors.push({ type: 'FieldValueInvalid', field: 'spec.group', value: JSON.stringify(group), detail: 'field is immutable' });
    }
    return errors;
  },
};
