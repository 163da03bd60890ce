// Facts about Argo CD's glob semantics: cases from argo-cd util/glob tests, gobwas/glob's pattern
// tests (those without separators, the way Argo compiles), and RBAC patterns from Argo's docs.
import { describe, it, expect } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { compileGlob, globMatch } from './glob-match.js';

const cases: readonly [pattern: string, value: string, matches: boolean][] = [
  // argo-cd util/glob Test_Match
  ['hello', 'hello', true],
  ['hell', 'hello', false],
  ['hell*', 'hello', true],
  ['h*', 'hello', true],
  ['e*', 'hello', false],
  ['e[[a*', 'e[[a*', false],
  // RBAC: `*` crosses `/`, which casbin's own globMatch does not
  ['*', 'proj/app', true],
  ['*/*', 'proj/app', true],
  ['proj/*', 'proj/app', true],
  ['proj/*', 'proj/nested/app', true],
  ['proj/*', 'other/app', false],
  ['*/app', 'proj/app', true],
  ['action/*', 'action/apps/Deployment/restart', true],
  ['update/*', 'update', false],
  ['proj:*/app-*', 'proj:myproject/app-frontend', true],
  ['a*b', 'a/b', true],
  ['', '', true],
  ['', 'b', false],
  // gobwas/glob TestPatternMatch, no separators
  ['a*a*a*a*b', 'a'.repeat(100), false],
  ['a*a*a*a*b', `${'a'.repeat(100)}b`, true],
  ['{a,ab}c', 'abc', true],
  ['* ?at * eyes', 'my cat has very bright eyes', true],
  ['*ä', 'åä', true],
  ['a*c', 'a12345c', true],
  ['a?c', 'a1c', true],
  ['?at', 'cat', true],
  ['?at', 'at', false],
  ['*a*', 'a', true],
  ['\\*', '*', true],
  ['\\*', 'x', false],
  ['**', 'a.b.c', true],
  ['*test', 'this is a test', true],
  ['*is', 'this is a test', false],
  ['*no*', 'this is a test', false],
  ['**is**a***test*', 'this is a test', true],
  ['[!a]*', 'this is a test3', true],
  ['*abc', 'abcabc', true],
  ['?*?', 'ac', true],
  ['???', 'ab', false],
  ['sta?', 'stagnation', false],
  ['{abc,def}ghi', 'defghi', true],
  ['{abc,abcd}a', 'abcda', true],
  ['{,a}', '', true],
  ['{a,}', '', true],
  ['{a,ab}{bc,f}', 'abc', true],
  ['{*,**}{a,b}', 'ab', true],
  ['{*,**}{a,b}', 'ac', false],
  ['/{rate,[0-9][0-9][0-9]}*', '/rate', true],
  ['/{rate,[a-z][a-z][a-z]}*', '/usd', true],
  ['*//{,*.}example.com', 'https://www.example.com', true],
  ['*//{,*.}example.com', 'http://example.com.net', false],
  ['[a-z][!a-x]*cat*[h][!b]*eyes*', 'my cat has very bright eyes', true],
  ['[a-z][!a-x]*cat*[h][!b]*eyes*', 'my dog has very bright eyes', false],
  ['https://*.google.*', 'https://google.com', false],
  ['{https://*gobwas.com,http://exclude.gobwas.com}', 'http://exclude.gobwas.com', true],
  ['{https://*gobwas.com,http://exclude.gobwas.com}', 'http://safe.gobwas.com', false],
  ['{abc*[a-c]def,abc?[d-g]def,abc[zte]?def}', 'abczqdef', true],
  ['{a,ab,abc}', '', false],
  ['{a,ab,abc,abcd}{b,bc,bcd,bcde}{c,cd,cde,cdef}', 'abcdbcdecdef', true],
  ['{{a,b},c}', 'a', true],
  ['{{a,b},c}', 'c', true],
  ['*{*0,}', '1', true],
  ['{ab*}x', 'zzx', false],
  ['[!a]', '\u{FFFD}', true],
  ['?', '\u{1F680}', true],
  // outside braces `,` and `}` are plain, `]` always is
  ['a,b', 'a,b', true],
  ['a}b', 'a}b', true],
  ['a]', 'a]', true],
  // case-sensitive, whole-value
  ['Proj/*', 'proj/app', false],
  ['proj', 'proj/app', false],
];

describe('globMatch', () => {
  it.each(cases)('%j against %j → %s', (pattern, value, matches) => {
    expect(globMatch(pattern, value)).toBe(matches);
  });

  it('answers the same from its cache', () => {
    expect(globMatch('cache-*', 'cache-hit')).toBe(true);
    expect(globMatch('cache-*', 'cache-hit')).toBe(true);
    expect(globMatch('cache-*', 'miss')).toBe(false);
  });
});

describe('compileGlob', () => {
  const invalid: readonly [pattern: string, reason: string][] = [
    ['{a,b', 'unclosed {'],
    ['[abc', 'unexpected end of input'],
    ['[a-cx]', 'expected close range character'],
    ['[c-a]', 'range hi character is less than lo'],
    ['a\\', 'trailing backslash'],
    ['e[[a*', 'unexpected end of input'],
  ];

  it.each(invalid)('rejects %j: %s', (pattern, reason) => {
    const attempt = (): unknown => compileGlob(pattern);
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(reason);
  });

  it('names the pattern in the error problems', () => {
    try {
      compileGlob('[abc');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).problems).toEqual([{ path: 'pattern', message: 'unexpected end of input at offset 4' }]);
    }
  });
});
