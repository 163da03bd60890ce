import { describe, it, expect } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { parseGitRequestPath, resolveRepoDir } from './repo-path.js';

describe('parseGitRequestPath', () => {
  it.each([
    ['/demo.git/info/refs', 'demo.git'],
    ['/team/app.git/git-upload-pack', 'team/app.git'],
    ['/demo/git-receive-pack', 'demo'],
    ['/demo.git/HEAD', 'demo.git'],
    ['/demo.git/objects/info/packs', 'demo.git'],
    ['/demo.git/objects/ab/' + 'c'.repeat(38), 'demo.git'],
    ['/demo.git/objects/pack/pack-' + 'd'.repeat(40) + '.idx', 'demo.git'],
    ['/my%20repo.git/info/refs', 'my repo.git'],
  ])('maps %s to repository %s', (path, repo) => {
    expect(parseGitRequestPath(path)?.repo).toBe(repo);
  });

  it.each([
    ['/../etc/info/refs'],
    ['/demo.git/../../etc/info/refs'],
    ['/%2e%2e/etc/info/refs'],
    ['/%2E%2E%2Fetc/info/refs'],
    ['/./demo.git/info/refs'],
    ['//demo.git/info/refs'],
    ['/demo.git%5C..%5Cx/info/refs'],
    ['/demo.git/config'],
    ['/info/refs'],
    ['/%zz/info/refs'],
  ])('refuses %s', (path) => {
    expect(parseGitRequestPath(path)).toBeUndefined();
  });
});

describe('resolveRepoDir', () => {
  it('resolves nested names inside the root', () => {
    expect(resolveRepoDir('/srv/git', 'team/app.git')).toBe('/srv/git/team/app.git');
  });

  it.each([['../outside'], ['/etc'], ['a/../../b'], ['.'], ['']])('rejects %j', (name) => {
    expect(() => resolveRepoDir('/srv/git', name)).toThrow(InvalidInputError);
  });
});
