// SSH key pairs for the test server and its clients, made by ssh-keygen.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

/** An unencrypted ed25519 key pair in OpenSSH formats. */
export interface SshKeyPair {
  /** OpenSSH private key file content (`-----BEGIN OPENSSH PRIVATE KEY-----…`, ending in a newline). */
  readonly privateKey: string;
  /** Public key line without comment: `ssh-ed25519 AAAA…`. */
  readonly publicKey: string;
}

/**
 * Generates an ed25519 key pair with `ssh-keygen` (no passphrase). With `path`, the private key is kept
 * at `path` (mode 0600) and the public key at `path.pub`; without it, nothing is left on disk.
 */
export async function generateSshKeyPair(path?: string): Promise<SshKeyPair> {
  const scratch = path === undefined ? await mkdtemp(join(tmpdir(), 'driftless-sshkey-')) : undefined;
  const file = path ?? join(scratch ?? '', 'key');
  try {
    await runCommand('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', file]);
    const privateKey = await readFile(file, 'utf8');
    const publicKey = (await readFile(`${file}.pub`, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
    return { privateKey, publicKey };
  } finally {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }
}
