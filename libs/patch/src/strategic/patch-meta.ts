// Kubernetes' patchStrategy/patchMergeKey struct tags as data: the schema strategic merge patch walks.

/**
 * Patch metadata of one field, i.e. the Go struct tag
 * `patchStrategy:"merge,retainKeys" patchMergeKey:"name"` plus the schema of what the field holds.
 */
export interface FieldPatchMeta {
  /**
   * `merge`: a list merged element by element (by `mergeKey` for objects; a union for scalars).
   * `replace`: a map replaced whole instead of merged.
   * @defaultValue absent — maps merge key by key, lists are replaced whole (atomic).
   */
  readonly strategy?: 'merge' | 'replace';
  /** The field identifying list elements, for merge lists of objects. Absent for scalar lists. */
  readonly mergeKey?: string;
  /**
   * The field is also tagged `retainKeys`. Only a patch generator (kubectl apply) reads this;
   * applying honours a `$retainKeys` directive wherever it appears, so the merge code ignores it.
   */
  readonly retainKeys?: boolean;
  /** Patch metadata of the value: of the map itself, or of each element for lists. */
  readonly schema?: TypePatchMeta;
}

/** Patch metadata of a struct type: only the fields that have tags or lead to fields that do. */
export interface TypePatchMeta {
  readonly [field: string]: FieldPatchMeta;
}

/** A field without tags: maps merge recursively with no metadata below, lists are replaced. */
export const NO_PATCH_META: FieldPatchMeta = {};

/** The metadata of `field` in `type` (untagged when the schema does not mention the field). */
export function lookupField(type: TypePatchMeta | undefined, field: string): FieldPatchMeta {
  if (type === undefined || !Object.hasOwn(type, field)) return NO_PATCH_META;
  return type[field] ?? NO_PATCH_META;
}

/** A list merged by `mergeKey`, whose elements have `schema`. */
export function mergeList(mergeKey: string, schema?: TypePatchMeta, options: { retainKeys?: boolean } = {}): FieldPatchMeta {
  return { strategy: 'merge', mergeKey, ...(schema === undefined ? {} : { schema }), ...(options.retainKeys === true ? { retainKeys: true } : {}) };
}

/** A list of scalars merged as a set (`patchStrategy:"merge"` without a merge key). */
export const SCALAR_SET: FieldPatchMeta = { strategy: 'merge' };

/** A map that strategic merge patch replaces whole (`patchStrategy:"replace"`). */
export const REPLACED_MAP: FieldPatchMeta = { strategy: 'replace' };

/** A struct field whose own fields carry metadata. */
export function struct(schema: TypePatchMeta, options: { retainKeys?: boolean } = {}): FieldPatchMeta {
  return { schema, ...(options.retainKeys === true ? { retainKeys: true } : {}) };
}

/**
 * Every tagged path below `type`, one line each, e.g. `spec.template.spec.containers[name]`,
 * `metadata.finalizers[]`, `spec.strategy (retainKeys)`: the table in readable form.
 */
export function describePatchMeta(type: TypePatchMeta, prefix = ''): string[] {
  const lines: string[] = [];
  for (const [field, meta] of Object.entries(type)) {
    const path = prefix === '' ? field : `${prefix}.${field}`;
    let line: string | undefined;
    if (meta.strategy === 'merge') line = `${path}[${meta.mergeKey ?? ''}]`;
    else if (meta.strategy === 'replace') line = `${path} (replace)`;
    else if (meta.retainKeys === true) line = path;
    if (line !== undefined) lines.push(meta.retainKeys === true ? `${line} (retainKeys)` : line);
    if (meta.schema !== undefined) lines.push(...describePatchMeta(meta.schema, meta.strategy === 'merge' ? `${path}[]` : path));
  }
  return lines;
}
