import { describe, expect, it } from '@jest/globals';
import { parseRemoteHead } from './remote-head.js';

const SHA = '9168fd0f296c50bfe128aa05846e49b26fb94f02';

describe('parseRemoteHead', () => {
  it('reads the default branch from the symref line', () => {
    expect(parseRemoteHead(`ref: refs/heads/main\tHEAD\n${SHA}\tHEAD\n`)).toEqual({ branch: 'main' });
    expect(parseRemoteHead(`ref: refs/heads/release/1.x\tHEAD\n${SHA}\tHEAD\n`)).toEqual({ branch: 'release/1.x' });
  });

  it('reads a detached HEAD as a commit and an empty repository as no HEAD', () => {
    expect(parseRemoteHead(`${SHA}\tHEAD\n`)).toEqual({ sha: SHA });
    expect(parseRemoteHead('')).toBeUndefined();
  });

  it.each(['../../config', '-f', 'a..b', 'HEAD', 'x.lock', '.hidden'])('ignores the unsafe branch name %s', (name) => {
    expect(parseRemoteHead(`ref: refs/heads/${name}\tHEAD\n${SHA}\tHEAD\n`)).toBeUndefined();
  });
});
