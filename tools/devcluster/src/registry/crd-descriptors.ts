// Turns a CustomResourceDefinition object into the descriptors of the resources it serves.
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { firstAt } from '../model/json-path.js';
import { metaString, readPath } from '../model/meta.js';
import { AGE_COLUMN } from './builtin-columns.js';
import type { PrinterColumn, ResourceDescriptor, ScaleSubresource } from './descriptor.js';

const CR_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function str(value: JsonValue | undefined, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function printerColumns(version: JsonObject): PrinterColumn[] {
  const declared = version['additionalPrinterColumns'];
  if (!Array.isArray(declared)) return [AGE_COLUMN];
  return declared.filter(isJsonObject).map((c): PrinterColumn => {
    const jsonPath = str(c['jsonPath']);
    const type = str(c['type'], 'string');
    return {
      name: str(c['name']),
      type: type === 'integer' || type === 'number' || type === 'boolean' || type === 'date' ? type : 'string',
      format: str(c['format']),
      description: str(c['description']),
      priority: typeof c['priority'] === 'number' ? c['priority'] : 0,
      cell: (obj) => firstAt(obj, jsonPath) ?? null,
    };
  });
}

function scaleOf(version: JsonObject): ScaleSubresource | undefined {
  const scale = readPath(version, ['subresources', 'scale']);
  if (!isJsonObject(scale)) return undefined;
  const labelSelectorPath = scale['labelSelectorPath'];
  return {
    specReplicasPath: str(scale['specReplicasPath']),
    statusReplicasPath: str(scale['statusReplicasPath']),
    ...(typeof labelSelectorPath === 'string' ? { labelSelectorPath } : {}),
  };
}

function selectableFields(version: JsonObject): Record<string, (obj: JsonObject) => string> {
  const out: Record<string, (obj: JsonObject) => string> = {};
  const declared = version['selectableFields'];
  if (!Array.isArray(declared)) return out;
  for (const f of declared) {
    if (!isJsonObject(f)) continue;
    const jsonPath = str(f['jsonPath']);
    out[jsonPath.replace(/^\./, '')] = (obj) => {
      const value = firstAt(obj, jsonPath);
      return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    };
  }
  return out;
}

/** One descriptor per served version of `crd`; empty when the CRD is malformed. */
export function descriptorsFromCrd(crd: JsonObject): ResourceDescriptor[] {
  const spec = isJsonObject(crd['spec']) ? crd['spec'] : undefined;
  const names = spec !== undefined && isJsonObject(spec['names']) ? spec['names'] : undefined;
  if (spec === undefined || names === undefined) return [];
  const group = str(spec['group']);
  const kind = str(names['kind']);
  const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isJsonObject) : [];
  const storageVersion = str(versions.find((v) => v['storage'] === true)?.['name']);
  return versions
    .filter((v) => v['served'] === true)
    .map((v): ResourceDescriptor => {
      const schema = readPath(v, ['schema', 'openAPIV3Schema']);
      return {
        group,
        version: str(v['name']),
        storageVersion,
        resource: str(names['plural']),
        singular: str(names['singular'], kind.toLowerCase()),
        kind,
        listKind: str(names['listKind'], `${kind}List`),
        namespaced: spec['scope'] !== 'Cluster',
        shortNames: strings(names['shortNames']),
        categories: strings(names['categories']),
        verbs: CR_VERBS,
        statusSubresource: isJsonObject(readPath(v, ['subresources', 'status'])),
        scale: scaleOf(v),
        usesGeneration: true,
        generationOnAnnotations: false,
        allowUnconditionalUpdate: false,
        deleteReturnsObject: false,
        fieldSelectors: selectableFields(v),
        nameRule: 'subdomain',
        custom: true,
        typeName: undefined,
        printerColumns: printerColumns(v),
        schema: isJsonObject(schema) ? schema : undefined,
        crdName: metaString(crd, 'name'),
      };
    });
}
