// SSA semantics of a custom resource, read from its CRD version's openAPIV3Schema
// (x-kubernetes-list-type, x-kubernetes-list-map-keys, x-kubernetes-map-type).
//
// Worked example: with spec.ports {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys:
// [port], items: {properties: {port: {...}, protocol: {default: TCP}}}}, the path ['spec','ports'] is
// {mapKeys: ['port']}, and ['spec','ports','protocol'] walks through `items` to protocol's schema.
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { objectMetaSemantics } from './object-meta-schema.js';
import type { FieldSemantics, SchemaLookup } from './schema.js';

/** Where a path leads in the schema: a node, or past the schema into fields it does not describe. */
type Resolved = { readonly node: JsonObject } | { readonly unknown: true };

/**
 * The SchemaLookup of a custom resource version. Lists without x-kubernetes-list-type are atomic
 * (as upstream for CRs); objects with only additionalProperties, and the free-form parts under
 * x-kubernetes-preserve-unknown-fields, are `map`s; metadata follows ObjectMeta.
 */
export function crdSchema(openAPIV3Schema: JsonObject): SchemaLookup {
  return (path) => {
    if (path[0] === 'metadata') return objectMetaSemantics(path.slice(1));
    let resolved: Resolved = { node: openAPIV3Schema };
    for (const name of path) {
      if ('unknown' in resolved) break;
      resolved = child(resolved.node, name);
    }
    return 'unknown' in resolved ? 'map' : semanticsOf(resolved.node);
  };
}

/** The schema of field `name` below `node`; array schemas are passed through to their items first. */
function child(node: JsonObject, name: string): Resolved {
  const object = isJsonObject(node['items']) ? node['items'] : node;
  const properties = object['properties'];
  if (isJsonObject(properties) && isJsonObject(properties[name])) return { node: properties[name] };
  const additional = object['additionalProperties'];
  if (isJsonObject(additional)) return { node: additional };
  return { unknown: true };
}

function semanticsOf(node: JsonObject): FieldSemantics {
  if (node['type'] === 'array' || isJsonObject(node['items'])) {
    const listType = node['x-kubernetes-list-type'];
    if (listType === 'set') return 'set';
    if (listType === 'map') return { mapKeys: stringList(node['x-kubernetes-list-map-keys']), keyDefaults: keyDefaults(node) };
    return undefined;
  }
  if (node['x-kubernetes-map-type'] === 'atomic') return 'atomic';
  const hasProperties = isJsonObject(node['properties']);
  if (!hasProperties && (isJsonObject(node['additionalProperties']) || node['additionalProperties'] === true || node['x-kubernetes-preserve-unknown-fields'] === true)) return 'map';
  return undefined;
}

/** Defaults of the key fields, which upstream uses for items that omit them. */
function keyDefaults(node: JsonObject): Record<string, JsonValue> {
  const items = node['items'];
  const properties = isJsonObject(items) ? items['properties'] : undefined;
  const out: Record<string, JsonValue> = {};
  if (!isJsonObject(properties)) return out;
  for (const key of stringList(node['x-kubernetes-list-map-keys'])) {
    const property = properties[key];
    if (isJsonObject(property) && property['default'] !== undefined) out[key] = property['default'] as JsonValue;
  }
  return out;
}

function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
