// Read access to field-inventory.json: the field names and types of every built-in type.
import { readFileSync } from 'node:fs';

interface Inventory {
  readonly types: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

let inventory: Inventory | undefined;

/** The fields of a client-node model type (name → type code, see type-codes.ts), or undefined. */
export function typeFields(typeName: string): Readonly<Record<string, string>> | undefined {
  inventory ??= JSON.parse(readFileSync(new URL('./field-inventory.json', import.meta.url), 'utf8')) as Inventory;
  return inventory.types[typeName];
}
