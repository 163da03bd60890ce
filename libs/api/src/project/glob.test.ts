// Both glob dialects of the project rules as tables: gobwas (with and without `/` separators) and filepath.
import { describe, expect, it } from '@jest/globals';
import { globMatch } from './glob.js';

describe('globMatch, gobwas dialect', () => {
  it.each([
    ['exact text', 'abc', 'abc', '', true],
    ['different text', 'abc', 'abd', '', false],
    ['whole value only', 'ab', 'abc', '', false],
    ['* spans anything without separators', 'https://*', 'https://a/b/c', '', true],
    ['* matches empty', 'a*', 'a', '', true],
    ['* stops at a separator', 'https://github.com/org/*', 'https://github.com/org/group/repo', '/', false],
    ['* within one segment', 'https://github.com/org/*', 'https://github.com/org/repo', '/', true],
    ['** crosses separators', 'https://github.com/org/**', 'https://github.com/org/group/repo', '/', true],
    ['? is one character', 'team-?', 'team-a', '', true],
    ['? is not two', 'team-?', 'team-ab', '', false],
    ['? is not a separator', 'a?b', 'a/b', '/', false],
    ['list', 'ns-[abc]', 'ns-b', '', true],
    ['list miss', 'ns-[abc]', 'ns-d', '', false],
    ['negated list', 'ns-[!abc]', 'ns-d', '', true],
    ['range', 'ns-[0-9]', 'ns-7', '', true],
    ['negated range', 'ns-[!0-9]', 'ns-7', '', false],
    ['alternatives', 'team-{a,b}-*', 'team-b-dev', '', true],
    ['alternatives miss', 'team-{a,b}-*', 'team-c-dev', '', false],
    ['nested alternatives', '{x{1,2},y}', 'x2', '', true],
    ['empty alternative', 'a{,b}', 'a', '', true],
    ['escaped star is literal', 'a\\*', 'a*', '', true],
    ['escaped star does not glob', 'a\\*', 'ab', '', false],
    ['comma and brace are text outside braces', 'a,b}', 'a,b}', '', true],
    ['unclosed class matches nothing', 'e[[a*', 'e[[a*', '', false],
    ['unclosed brace matches nothing', '{a,b', 'a', '', false],
    ['trailing escape matches nothing', 'a\\', 'a\\', '', false],
    ['no catastrophic backtracking', '*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000), '', false],
    ['unicode characters count once', 'n?', 'nä', '', true],
  ])('%s', (_label, pattern, value, separators, expected) => {
    expect(globMatch(pattern, value, { separators })).toBe(expected);
  });
});

describe('globMatch, filepath dialect (Go filepath.Match)', () => {
  it.each([
    ['star', '*', 'Deployment', true],
    ['empty pattern matches the core group', '', '', true],
    ['empty pattern is not a glob', '', 'apps', false],
    ['prefix', 'Cluster*', 'ClusterRole', true],
    ['suffix', '*.k8s.io', 'rbac.authorization.k8s.io', true],
    ['class', '[CD]*', 'Deployment', true],
    ['negated class uses ^', '[^C]*', 'ClusterRole', false],
    ['! is a class member, not negation', '[!C]*', 'ClusterRole', true],
    ['braces are plain characters', '{a,b}', 'a', false],
    ['braces match themselves', '{a,b}', '{a,b}', true],
    ['* stops at /', '*', 'a/b', false],
    ['empty class is malformed', '[]', ']', false],
    ['unclosed class is malformed', '[a', 'a', false],
  ])('%s', (_label, pattern, value, expected) => {
    expect(globMatch(pattern, value, { dialect: 'filepath' })).toBe(expected);
  });
});
