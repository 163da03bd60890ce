// Field selectors: `a=b,c!=d` over metadata.name, metadata.namespace and a resource's own fields.
import { badRequest } from '../errors/statuses.js';
import type { JsonObject } from '../model/json.js';
import { metaString } from '../model/meta.js';
import type { FieldSelectorGetters } from '../registry/descriptor.js';

/** One term: field equals (or does not equal) value. */
export interface FieldRequirement {
  readonly field: string;
  readonly negate: boolean;
  readonly value: string;
}

/** A parsed field selector: all terms must hold. */
export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}

/** Splits on unescaped commas and unescapes `\,` `\=` `\\`. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length) {
      current += c + (text[i + 1] ?? '');
      i++;
    } else if (c === ',') {
      terms.push(current);
      current = '';
    } else current += c;
  }
  terms.push(current);
  return terms;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/**
 * Parses a field selector and checks every field is supported (metadata.name, metadata.namespace
 * and `getters`); an unsupported one is 400 `field label not supported: X`, as upstream.
 */
export function parseFieldSelector(text: string | undefined, getters: FieldSelectorGetters): FieldSelector {
  if (text === undefined || text.trim() === '') return { requirements: [] };
  const requirements = splitTerms(text).map((term): FieldRequirement => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term.trim());
    if (m === null) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const [, field = '', op = '=', value = ''] = m;
    if (field !== 'metadata.name' && field !== 'metadata.namespace' && getters[field] === undefined) {
      throw badRequest(`field label not supported: ${field}`);
    }
    return { field, negate: op === '!=', value: unescape(value) };
  });
  return { requirements };
}

function fieldValue(obj: JsonObject, field: string, getters: FieldSelectorGetters): string {
  if (field === 'metadata.name') return metaString(obj, 'name') ?? '';
  if (field === 'metadata.namespace') return metaString(obj, 'namespace') ?? '';
  return getters[field]?.(obj) ?? '';
}

/** True when the object satisfies every term. */
export function matchesFields(selector: FieldSelector, obj: JsonObject, getters: FieldSelectorGetters): boolean {
  return selector.requirements.every((r) => (fieldValue(obj, r.field, getters) === r.value) !== r.negate);
}
