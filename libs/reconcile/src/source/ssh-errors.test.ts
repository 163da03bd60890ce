import { describe, expect, it } from '@jest/globals';
import { InvalidInputError, NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import { toSshFetchError } from './ssh-errors.js';

const URL = 'git@git.example.com:team/apps.git';
const ADVICE = 'fatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n';
const KEY_DIR = '/var/cache/driftless/repos/.ssh-Ab12Cd';

const failure = (stderr: string, withKey = true) => toSshFetchError({ repoURL: URL, host: 'git.example.com', stderr, withKey, secrets: [KEY_DIR] });

describe('toSshFetchError', () => {
  it('names the host and the ConfigMap for an unknown host key', () => {
    const error = failure(`No ED25519 host key is known for git.example.com and you have requested strict checking.\nHost key verification failed.\n${ADVICE}`);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe('host key of git.example.com is not known: add it to argocd-ssh-known-hosts-cm (ssh_known_hosts)');
  });

  it('tells a changed host key from an unknown one, without the known_hosts path', () => {
    const error = failure(
      `@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\nAdd correct host key in ${KEY_DIR}/known_hosts to get rid of this message.\n` +
        `Host key for git.example.com has changed and you have requested strict checking.\nHost key verification failed.\n${ADVICE}`,
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toContain('host key of git.example.com does not match the one in argocd-ssh-known-hosts-cm (ssh_known_hosts)');
    expect(JSON.stringify(error) + error.message).not.toContain(KEY_DIR);
  });

  it('reports a refused key, saying whether a key was offered', () => {
    const stderr = `git@git.example.com: Permission denied (publickey).\n${ADVICE}`;
    expect(failure(stderr)).toBeInstanceOf(PermissionDeniedError);
    expect(failure(stderr).message).toBe(`authentication failed for ${URL}: check sshPrivateKey in its repository Secret`);
    expect(failure(stderr, false).message).toBe(`authentication failed for ${URL}: no repository Secret with an sshPrivateKey matches it`);
  });

  it('reports an unreadable key as invalid input, without its path', () => {
    const error = failure(`Load key "${KEY_DIR}/key": invalid format\ngit@git.example.com: Permission denied (publickey).\n${ADVICE}`);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toEqual([{ path: 'sshPrivateKey', message: 'not a usable private key' }]);
    expect(JSON.stringify(error) + error.message).not.toContain(KEY_DIR);
  });

  it.each([
    ['ssh: connect to host git.example.com port 22: Connection refused', 'Connection refused'],
    ['ssh: connect to host git.example.com port 22: Connection timed out', 'Connection timed out'],
    ['ssh: Could not resolve hostname git.example.com: Name or service not known', 'Name or service not known'],
    ['Connection closed by 10.0.0.1 port 22', 'Connection closed by 10.0.0.1 port 22'],
    ['kex_exchange_identification: read: Connection reset by peer', 'kex_exchange_identification: read: Connection reset by peer'],
  ])('reports "%s" as unreachable with the reason', (line, reason) => {
    const error = failure(`${line}\n${ADVICE}`);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe(`cannot reach git.example.com for ${URL}: ${reason}`);
  });

  it.each([
    "fatal: '/srv/git/apps.git' does not appear to be a git repository",
    'ERROR: Repository not found.',
    "ERROR: The project you were looking for could not be found or you don't have permission to view it.",
  ])('reports "%s" as a missing repository', (line) => {
    const error = failure(`${line}\n${ADVICE}`);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`repository ${URL} not found`);
  });

  it("passes anything else on as unavailable with git's first meaningful line", () => {
    const error = failure(`fatal: protocol error: bad pack header\n${ADVICE}`);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe(`fetching ${URL} failed: protocol error: bad pack header`);
    expect(failure('').message).toBe(`fetching ${URL} failed: git exited without a message`);
  });
});
