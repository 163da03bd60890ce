// Label selectors: upstream's string grammar (=, ==, !=, in, notin, exists, !key, >, <) and matching.
import { badRequest } from '../errors/statuses.js';
import type { ApiError } from '../errors/api-error.js';
import { validateLabelKey, validateLabelValue } from '../validation/labels.js';

/** One requirement of a label selector. */
export interface LabelRequirement {
  readonly key: string;
  readonly op: 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';
  readonly values: readonly string[];
}

/** A parsed selector: all requirements must hold. An empty selector matches everything. */
export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
}

/** The selector that matches everything. */
export const EVERYTHING: LabelSelector = { requirements: [] };

function fail(detail: string): ApiError {
  return badRequest(`unable to parse requirement: ${detail}`);
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function checkKey(key: string): void {
  const problem = validateLabelKey(key);
  if (problem !== undefined) throw fail(`key: Invalid value: ${JSON.stringify(key)}: ${problem}`);
}

function checkValue(key: string, value: string, index: number): void {
  const problem = validateLabelValue(value);
  if (problem !== undefined) throw fail(`values[${index}][${key}]: Invalid value: ${JSON.stringify(value)}: ${problem}`);
}

function parseRequirement(raw: string): LabelRequirement {
  const text = raw.trim();
  if (text.startsWith('!')) {
    const key = text.slice(1).trim();
    checkKey(key);
    return { key, op: '!', values: [] };
  }
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(text);
  if (setMatch !== null) {
    const [, key = '', op = 'in', list = ''] = setMatch;
    checkKey(key);
    const values = list.split(',').map((v) => v.trim());
    if (list.trim() === '') throw fail(`for 'in', 'notin' operators, values set can't be empty`);
    values.forEach((v, i) => checkValue(key, v, i));
    return { key, op: op === 'in' ? 'in' : 'notin', values };
  }
  const opMatch = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(text);
  if (opMatch !== null) {
    const [, key = '', op = '=', value = ''] = opMatch;
    checkKey(key);
    if (op === '>' || op === '<') {
      if (!/^-?\d+$/.test(value)) throw fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
      return { key, op: op === '>' ? 'gt' : 'lt', values: [value] };
    }
    checkValue(key, value, 0);
    return { key, op: op === '!=' ? 'notin' : 'in', values: [value] };
  }
  if (/^\S+$/.test(text)) {
    checkKey(text);
    return { key: text, op: 'exists', values: [] };
  }
  throw fail(`found '${text}', expected: identifier`);
}

/** Parses `app=web,tier in (a,b),!canary`; throws a 400 ApiError on bad syntax. */
export function parseLabelSelector(text: string | undefined): LabelSelector {
  if (text === undefined || text.trim() === '') return EVERYTHING;
  return { requirements: splitTopLevel(text).map(parseRequirement) };
}

/** True when `labels` satisfy every requirement (upstream semantics: != and notin match absent keys). */
export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selector.requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = labels[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'in':
        return has && r.values.includes(value ?? '');
      case 'notin':
        return !has || !r.values.includes(value ?? '');
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(value ?? '')) return false;
        const n = Number(value);
        const bound = Number(r.values[0]);
        return r.op === 'gt' ? n > bound : n < bound;
      }
    }
  });
}

/** Renders a matchLabels map as a selector string ('a=b,c=d'), as Scale.status.selector does. */
export function formatMatchLabels(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join(',');
}
