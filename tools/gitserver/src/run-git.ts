// Runs the system `git` asynchronously. Never spawnSync: the same process may be serving git over HTTP,
// and a blocked event loop would deadlock a clone of its own server.
import { spawn } from 'node:child_process';
import { UnavailableError } from '@driftless/api';

/** Options for {@link runGit}. */
export interface RunGitOptions {
  /** Working directory of the command. @defaultValue the current directory */
  readonly cwd?: string;
  /** Extra environment variables, applied over the isolated environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Bytes written to the command's stdin (stdin is closed either way). */
  readonly input?: string | Buffer;
}

/** A git command exited non-zero or could not start; `context` holds the args, exit code and stderr. */
export class GitCommandError extends UnavailableError {}

/**
 * The environment git commands run with: the inherited one minus every `GIT_*` variable (a test run from
 * a git hook inherits GIT_DIR and GIT_INDEX_FILE, which would redirect every command to the wrong
 * repository), with system and global config ignored and prompts disabled, so results never depend on
 * the machine's git setup.
 */
export function isolatedGitEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_')) env[key] = value;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    ...extra,
  };
}

/**
 * Runs `git <args>` in an isolated environment (see {@link isolatedGitEnv}) and resolves with its stdout.
 * Rejects with a {@link GitCommandError} carrying stderr when git exits non-zero or cannot be started.
 */
export function runGit(args: readonly string[], options: RunGitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env: isolatedGitEnv(options.env), stdio: 'pipe' });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // git may exit before reading its input (e.g. on a bad argument); the exit code tells the story.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
    const context = { args: args.join(' '), cwd: options.cwd };
    child.on('error', (cause) => {
      reject(new GitCommandError(`git ${args[0] ?? ''} could not start: ${cause.message}`, { context, cause }));
    });
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(Buffer.concat(stdout).toString('utf8'));
        return;
      }
      const message = Buffer.concat(stderr).toString('utf8').trim();
      reject(
        new GitCommandError(`git ${args.join(' ')} failed (${signal ?? `exit ${String(code)}`}): ${message}`, {
          context: { ...context, exitCode: code ?? undefined, stderr: message },
        }),
      );
    });
  });
}
