// Regenerates field-inventory.json from @kubernetes/client-node's model metadata (dev-time script).
// Run: npx tsx tools/devcluster/src/registry/inventory/generate-field-inventory.ts
import { writeFileSync } from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import { BUILTIN_RESOURCES } from '../builtin-resources.js';
import { encodeType } from './type-codes.js';

interface Attribute {
  readonly baseName: string;
  readonly type: string;
}

interface ModelClass {
  getAttributeTypeMap(): Attribute[];
}

const models = k8s as unknown as Record<string, Partial<ModelClass> | undefined>;
const EXTRA_ROOTS = ['V1Scale', 'V1DeleteOptions'];

function modelOf(name: string): ModelClass | undefined {
  const model = models[name];
  return model !== undefined && typeof model.getAttributeTypeMap === 'function' ? (model as ModelClass) : undefined;
}

/** Named types a type expression refers to ('Array<V1Container>' → V1Container). */
function referenced(type: string): string[] {
  return [...type.matchAll(/\b([A-Z][A-Za-z0-9]+)\b/g)].map((m) => m[1] ?? '').filter((n) => modelOf(n) !== undefined);
}

const types: Record<string, Record<string, string>> = {};
const queue = [...BUILTIN_RESOURCES.map((d) => d.typeName ?? ''), ...EXTRA_ROOTS].filter((n) => n !== '');
while (queue.length > 0) {
  const name = queue.pop() ?? '';
  if (types[name] !== undefined) continue;
  const model = modelOf(name);
  if (model === undefined) throw new Error(`no client-node model ${name}`);
  const fields: Record<string, string> = {};
  for (const attr of model.getAttributeTypeMap()) {
    fields[attr.baseName] = encodeType(attr.type);
    queue.push(...referenced(attr.type));
  }
  types[name] = fields;
}
const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => (a < b ? -1 : 1)));
const target = new URL('./field-inventory.json', import.meta.url);
writeFileSync(target, JSON.stringify({ source: '@kubernetes/client-node 1.4.0 models (OpenAPI v1.34)', types: sorted }) + '\n');
console.log(`wrote ${Object.keys(sorted).length} types to ${target.pathname}`);
