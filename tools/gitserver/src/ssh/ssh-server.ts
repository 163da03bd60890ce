// A real OpenSSH server on loopback serving the bare repositories under one root over git's ssh
// transport, for tests of SSH repositories: its own host key, one client key, a config of its own.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { access, chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { InvalidInputError, UnavailableError } from '@driftless/api';
import { resolveRepoDir } from '../repo-path.js';
import { generateSshKeyPair } from './ssh-keys.js';

/** Options for {@link startSshGitServer}. */
export interface SshGitServerOptions {
  /** Folder holding the bare repositories; `<root>/team/app.git` is reached at `ssh://user@127.0.0.1:port<root>/team/app.git`. */
  readonly root: string;
  /** Receives each line sshd logs (connections, accepted and refused keys). @defaultValue ignore them */
  readonly log?: (line: string) => void;
  /** The sshd binary. @defaultValue `$SSHD`, else /usr/sbin/sshd or /usr/local/sbin/sshd */
  readonly sshd?: string;
}

/** A running sshd that serves git over ssh. */
export interface SshGitServer {
  /** Always `127.0.0.1`. */
  readonly host: string;
  readonly port: number;
  /** The only user that may log in: the user running the tests. */
  readonly user: string;
  /** Absolute root folder of the repositories. */
  readonly root: string;
  /** Private key (OpenSSH format) the server accepts, as a repository Secret's `sshPrivateKey` holds it. */
  readonly clientPrivateKey: string;
  /** The server's host key as a known_hosts line: `[127.0.0.1]:port ssh-ed25519 AAAA…`. */
  readonly knownHosts: string;
  /** `ssh://user@127.0.0.1:port/abs/root/<name>` for repository `name` (relative to the root, `/` allowed). */
  url(name: string): string;
  /** The same as {@link SshGitServer.url}, so the server fits helpers written for the HTTP server. */
  repoUrl(name: string): string;
  /** Every command clients ran so far, in order (`git-upload-pack '/abs/path.git'`). */
  commands(): Promise<readonly string[]>;
  /** Stops sshd and its sessions and removes its keys and config; resolves once it exited. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
const START_ATTEMPTS = 3;

/**
 * Starts `sshd -D -e` on a free loopback port with a fresh ed25519 host key and client key pair (in a
 * temp folder removed by `stop`), public key authentication only, and resolves once the port accepts.
 * Every session runs through a recorder (see `commands`) and then the client's command as is. Run as
 * root, it creates sshd's privilege separation folder `/run/sshd` when missing. Rejects with an
 * InvalidInputError when `root` is not a directory, an UnavailableError when sshd is missing or fails.
 */
export async function startSshGitServer(options: SshGitServerOptions): Promise<SshGitServer> {
  const root = resolve(options.root);
  if ((await stat(root).catch(() => undefined))?.isDirectory() !== true) {
    throw new InvalidInputError(`ssh git server root ${root} is not a directory`, { context: { root } });
  }
  const sshd = await findSshd(options.sshd);
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), 'driftless-sshd-'));
  try {
    const user = userInfo().username;
    const hostKey = await generateSshKeyPair(join(dir, 'host_key'));
    const client = await generateSshKeyPair(join(dir, 'client_key'));
    await writeFile(join(dir, 'authorized_keys'), `${client.publicKey}\n`, { mode: 0o600 });
    const commandLog = join(dir, 'commands.log');
    await writeFile(commandLog, '');
    const recorder = join(dir, 'record-command.sh');
    await writeFile(recorder, recorderScript(commandLog));
    await chmod(recorder, 0o755);
    const { child, port } = await startSshd(sshd, dir, user, recorder, options.log ?? (() => undefined));
    const url = (name: string): string => `ssh://${user}@${HOST}:${port}${resolveRepoDir(root, name)}`;
    return {
      host: HOST,
      port,
      user,
      root,
      clientPrivateKey: client.privateKey,
      knownHosts: `[${HOST}]:${port} ${hostKey.publicKey}`,
      url,
      repoUrl: url,
      commands: async () => (await readFile(commandLog, 'utf8')).split('\n').filter((line) => line !== ''),
      stop: async () => {
        await stopProcessGroup(child);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function findSshd(explicit: string | undefined): Promise<string> {
  const candidates = explicit !== undefined ? [explicit] : [process.env['SSHD'], '/usr/sbin/sshd', '/usr/local/sbin/sshd'];
  for (const candidate of candidates) {
    // sshd re-executes itself and so insists on an absolute path.
    if (candidate === undefined || !candidate.startsWith('/')) continue;
    if (await access(candidate).then(() => true, () => false)) return candidate;
  }
  throw new UnavailableError('sshd not found: install openssh-server (or set SSHD to its absolute path)', {
    context: { tried: candidates.filter((c) => c !== undefined).join(', ') },
  });
}

// The port is picked free and then handed to sshd, so another process may take it in between: retry.
async function startSshd(
  sshd: string,
  dir: string,
  user: string,
  recorder: string,
  log: (line: string) => void,
): Promise<{ child: ChildProcess; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const port = await freePort();
    const config = join(dir, 'sshd_config');
    await writeFile(config, sshdConfig(dir, port, user, recorder));
    // Its own process group, so stop() can signal sshd and whatever stayed in its group, never jest's.
    const child = spawn(sshd, ['-D', '-e', '-f', config], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      await waitForListening(child, log);
      await waitForPort(port);
      return { child, port };
    } catch (error) {
      lastError = error;
      await stopProcessGroup(child);
    }
  }
  throw lastError;
}

function sshdConfig(dir: string, port: number, user: string, recorder: string): string {
  return [
    `ListenAddress ${HOST}`,
    `Port ${port}`,
    `HostKey "${join(dir, 'host_key')}"`,
    `AuthorizedKeysFile "${join(dir, 'authorized_keys')}"`,
    `PidFile "${join(dir, 'sshd.pid')}"`,
    `AllowUsers ${user}`,
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'StrictModes no',
    'UsePAM no',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'PermitTTY no',
    'X11Forwarding no',
    'AllowTcpForwarding no',
    'AllowAgentForwarding no',
    'LogLevel INFO',
    `ForceCommand ${recorder}`,
    '',
  ].join('\n');
}

// Appends the client's command to the log before running it, so a count read after the client
// finished is complete.
function recorderScript(commandLog: string): string {
  return ['#!/bin/sh', `printf '%s\\n' "$SSH_ORIGINAL_COMMAND" >> '${commandLog}'`, 'exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"', ''].join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

// sshd -e logs "Server listening on … port N." once it listens; an exit before that is a failure.
function waitForListening(child: ChildProcess, log: (line: string) => void): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let pending = '';
    const seen: string[] = [];
    let ready = false;
    const timer = setTimeout(() => reject(new UnavailableError(`sshd did not start within ${START_TIMEOUT_MS} ms: ${seen.join(' | ')}`)), START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        log(line);
        if (!ready) seen.push(line);
        if (!ready && line.startsWith('Server listening on')) {
          ready = true;
          clearTimeout(timer);
          resolveReady();
        }
      }
    });
    child.on('error', (cause) => {
      clearTimeout(timer);
      reject(new UnavailableError(`sshd could not start: ${cause.message}`, { cause }));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new UnavailableError(`sshd exited (${signal ?? `exit ${String(code)}`}) before listening: ${seen.join(' | ')}`));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  await new Promise<void>((resolveOpen, reject) => {
    const socket = connect({ host: HOST, port }, () => {
      socket.destroy();
      resolveOpen();
    });
    socket.once('error', reject);
  });
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  await exited;
}
