// The compact type notation of field-inventory.json, shared by its generator and its reader.

/**
 * Encodes a client-node type expression: scalars stay ('string', 'number', 'boolean', 'Date',
 * 'any', 'IntOrString'), 'Array<T>' becomes '[]T', '{ [key: string]: T; }' becomes '{}T',
 * model names stay as they are.
 */
export function encodeType(type: string): string {
  const array = /^Array<(.+)>$/.exec(type);
  if (array !== null) return `[]${encodeType(array[1] ?? 'any')}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map !== null) return `{}${encodeType(map[1] ?? 'any')}`;
  return type;
}
