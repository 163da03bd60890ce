// Set algebra on field paths: membership is per path, as in structured-merge-diff's fieldpath.Set.
import { describe, expect, it } from '@jest/globals';
import { FieldSet } from './field-set.js';
import { pathToString } from './path-element.js';

const set = (...paths: string[]): FieldSet => FieldSet.ofFieldPaths(paths.map((path) => path.split('.')));
const printed = (result: FieldSet): string[] => result.paths().map(pathToString);

describe('FieldSet', () => {
  it.each([
    ['union', set('a.b', 'c'), set('a', 'a.d'), (x: FieldSet, y: FieldSet) => x.union(y), ['.a', '.c', '.a.b', '.a.d']],
    ['intersection keeps common paths only', set('a.b', 'a.c', 'd'), set('a.b', 'd.e'), (x: FieldSet, y: FieldSet) => x.intersection(y), ['.a.b']],
    ['difference is per path: parent minus child keeps the parent', set('a', 'a.b'), set('a.b'), (x: FieldSet, y: FieldSet) => x.difference(y), ['.a']],
    ['difference: child minus parent keeps the child', set('a.b'), set('a'), (x: FieldSet, y: FieldSet) => x.difference(y), ['.a.b']],
    ['recursive difference removes what lies below a member', set('a.b', 'a.c.d', 'e'), set('a'), (x: FieldSet, y: FieldSet) => x.recursiveDifference(y), ['.e']],
    ['field parents become members', set('a.b.c'), new FieldSet(), (x: FieldSet) => x.withFieldParents(), ['.a', '.a.b', '.a.b.c']],
  ])('%s', (_name, left, right, op, expected) => {
    expect(printed(op(left, right))).toEqual(expected);
  });

  it('ignores the empty path: nobody owns the whole object', () => {
    expect(FieldSet.of([]).isEmpty()).toBe(true);
  });

  it('does not share state between an operation result and its inputs', () => {
    const left = set('a.b');
    const result = left.union(set('c'));
    result.insert([{ kind: 'field', name: 'z' }]);
    expect(printed(left)).toEqual(['.a.b']);
  });
});
