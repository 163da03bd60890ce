// Argo directory globs (gobwas/glob without separators) as a table.
import { describe, expect, it } from '@jest/globals';
import { matchGlob } from './glob.js';

describe('matchGlob', () => {
  it.each([
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'sub/a.yaml', true],
    ['*.yaml', 'a.json', false],
    ['**/*.yaml', 'sub/deep/a.yaml', true],
    ['config.json', 'config.json', true],
    ['config.json', 'configXjson', false],
    ['{config.json,env-usw2/*.yaml}', 'config.json', true],
    ['{config.json,env-usw2/*.yaml}', 'env-usw2/app.yaml', true],
    ['{config.json,env-usw2/*.yaml}', 'env-euw1/app.yaml', false],
    ['{a,{b,c}}.yaml', 'c.yaml', true],
    ['a.yaml,b.yaml', 'a.yaml', false],
    ['a.yaml,b.yaml', 'a.yaml,b.yaml', true],
    ['?.yaml', 'x.yaml', true],
    ['?.yaml', 'xy.yaml', false],
    ['[ab].yaml', 'b.yaml', true],
    ['[!ab].yaml', 'b.yaml', false],
    ['[a-c].yaml', 'c.yaml', true],
    ['\\*.yaml', '*.yaml', true],
    ['\\*.yaml', 'a.yaml', false],
    ['{unclosed', 'unclosed', false],
    ['(x)+.yaml', '(x)+.yaml', true],
  ])('%s against %s: %s', (pattern, file, expected) => {
    expect(matchGlob(pattern, file)).toBe(expected);
  });
});
