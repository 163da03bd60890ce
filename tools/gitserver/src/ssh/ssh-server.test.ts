import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '@driftless/api';
import { createBareRepo } from '../bare-repo.js';
import { runGit } from '../run-git.js';
import { initWorkRepo, makeTempDir } from '../test-support.js';
import { generateSshKeyPair } from './ssh-keys.js';
import { startSshGitServer } from './ssh-server.js';
import type { SshGitServer } from './ssh-server.js';

describe('ssh git server', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: SshGitServer;
  let head: string;
  const logLines: string[] = [];

  // git over ssh with only the given key and known_hosts file, nothing from ~/.ssh.
  const sshEnv = (keyFile: string, knownHostsFile: string): Record<string, string> => ({
    GIT_SSH_COMMAND: `ssh -F /dev/null -i ${keyFile} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${knownHostsFile} -o GlobalKnownHostsFile=/dev/null`,
  });

  const writeKey = async (name: string, content: string): Promise<string> => {
    const file = join(temp.path, name);
    await writeFile(file, content, { mode: 0o600 });
    return file;
  };

  beforeAll(async () => {
    temp = await makeTempDir();
    const root = join(temp.path, 'root');
    const bare = await createBareRepo(root, 'team/apps.git');
    const work = join(temp.path, 'work');
    head = await initWorkRepo(work, 'app.yaml', 'replicas: 1\n');
    await runGit(['push', '--quiet', bare, 'main'], { cwd: work });
    server = await startSshGitServer({ root, log: (line) => logLines.push(line) });
  });

  afterAll(async () => {
    await server.stop();
    await temp.cleanup();
  });

  it('names repositories by absolute path and its host key as a known_hosts line', () => {
    expect(server.url('team/apps.git')).toBe(`ssh://${server.user}@127.0.0.1:${server.port}${server.root}/team/apps.git`);
    expect(server.repoUrl('team/apps.git')).toBe(server.url('team/apps.git'));
    expect(server.knownHosts).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${server.port} ssh-ed25519 [A-Za-z0-9+/=]+$`));
    expect(server.clientPrivateKey).toContain('-----BEGIN OPENSSH PRIVATE KEY-----');
    expect(() => server.url('../outside.git')).toThrow(InvalidInputError);
  });

  it('serves git ls-remote and clone to the client key and records the commands', async () => {
    const env = sshEnv(await writeKey('client', server.clientPrivateKey), await writeKey('known_hosts', `${server.knownHosts}\n`));
    const refs = await runGit(['ls-remote', '--symref', server.url('team/apps.git')], { env });
    expect(refs).toContain('ref: refs/heads/main\tHEAD');
    expect(refs).toContain(`${head}\trefs/heads/main`);
    await runGit(['clone', '--quiet', server.url('team/apps.git'), join(temp.path, 'clone')], { env });
    expect((await runGit(['rev-parse', 'HEAD'], { cwd: join(temp.path, 'clone') })).trim()).toBe(head);
    expect(await server.commands()).toEqual([
      `git-upload-pack '${server.root}/team/apps.git'`,
      `git-upload-pack '${server.root}/team/apps.git'`,
    ]);
    expect(logLines.some((line) => line.startsWith(`Accepted publickey for ${server.user}`))).toBe(true);
  });

  it('refuses a key it does not know', async () => {
    const other = await generateSshKeyPair();
    const env = sshEnv(await writeKey('other', other.privateKey), await writeKey('known_hosts-2', `${server.knownHosts}\n`));
    await expect(runGit(['ls-remote', server.url('team/apps.git')], { env })).rejects.toThrow(/Permission denied \(publickey\)/);
  });

  it('is refused by a client that does not know its host key', async () => {
    const env = sshEnv(await writeKey('client-3', server.clientPrivateKey), await writeKey('empty_known_hosts', ''));
    await expect(runGit(['ls-remote', server.url('team/apps.git')], { env })).rejects.toThrow(/Host key verification failed/);
  });

  it('rejects a root that is not a directory', async () => {
    await expect(startSshGitServer({ root: join(temp.path, 'missing') })).rejects.toThrow(InvalidInputError);
  });
});
