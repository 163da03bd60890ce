// Order of merged set and associative-list items, as upstream's merging walker produces it.
import { describe, expect, it } from '@jest/globals';
import type { JsonValue } from '../model/json.js';
import { pairListItems } from './list-order.js';
import { valueElement } from './path-element.js';

const named = (items: string[]): { items: JsonValue[]; elements: ReturnType<typeof valueElement>[] } => ({ items, elements: items.map(valueElement) });

describe('pairListItems', () => {
  it.each([
    ['applied items keep their order, new ones land where applied', ['a', 'b'], ['b', 'c', 'a'], ['b', 'c', 'a']],
    ['live-only items stay next to the shared item they followed', ['a', 'x', 'b'], ['a', 'b'], ['a', 'x', 'b']],
    ['the worked example of list-order.ts', ['a', 'b', 'c', 'd'], ['d', 'x', 'b'], ['a', 'c', 'd', 'x', 'b']],
    ['appending to live', ['a'], ['b'], ['a', 'b']],
    ['empty live', [], ['b', 'a'], ['b', 'a']],
  ])('%s', (_name, live, applied, expected) => {
    const pairs = pairListItems(named(live), named(applied));
    expect(pairs.map((pair) => pair.right ?? pair.left)).toEqual(expected);
  });

  it('pairs a live item named twice with nothing, so the applied copy wins alone', () => {
    const pairs = pairListItems(named(['a', 'a']), named(['a']));
    expect(pairs).toEqual([{ element: valueElement('a'), left: undefined, right: 'a' }]);
  });
});
