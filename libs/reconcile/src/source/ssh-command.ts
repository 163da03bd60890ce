// The ssh command line and environment git runs with for SSH repositories: only the repository's key
// and the configured known hosts count, nothing from the machine's ~/.ssh, agent or git config.

/** What {@link sshCommand} needs. */
export interface SshCommandOptions {
  /** Private key file; without it no key is offered (the server then refuses). */
  readonly keyFile?: string;
  /** known_hosts file checked strictly; ignored when `insecure`. */
  readonly knownHostsFile: string;
  /** Skip host key verification, as Argo CD does for a repository Secret with `insecure: "true"`. */
  readonly insecure: boolean;
  /** Seconds to wait for the TCP connection and the server's banner. */
  readonly connectTimeoutSeconds: number;
}

/**
 * The `GIT_SSH_COMMAND` value: `ssh -F /dev/null` (no user or system ssh_config) with batch mode (never a
 * prompt), only the given identity (no agent, no default keys), strict host key checking against
 * `knownHostsFile` alone — or none at all when `insecure` — and a connect timeout. Paths are shell-quoted,
 * since git runs the value through the shell.
 */
export function sshCommand(options: SshCommandOptions): string {
  const hostKeys = options.insecure
    ? ['StrictHostKeyChecking=no', 'UserKnownHostsFile=/dev/null']
    : ['StrictHostKeyChecking=yes', `UserKnownHostsFile=${options.knownHostsFile}`];
  const settings = [
    ...(options.keyFile === undefined ? ['IdentityFile=none'] : []),
    'IdentitiesOnly=yes',
    'IdentityAgent=none',
    ...hostKeys,
    'GlobalKnownHostsFile=/dev/null',
    'CheckHostIP=no',
    'UpdateHostKeys=no',
    'BatchMode=yes',
    // Errors only: "Permanently added … to the list of known hosts" would be noise in every fetch.
    'LogLevel=ERROR',
    `ConnectTimeout=${Math.max(1, Math.round(options.connectTimeoutSeconds))}`,
  ];
  const args = ['ssh', '-F', '/dev/null', ...(options.keyFile === undefined ? [] : ['-i', options.keyFile])];
  for (const setting of settings) args.push('-o', setting);
  return args.map(shellQuote).join(' ');
}

/**
 * The environment for git over ssh: the inherited one without `GIT_*` variables (a worker started from a
 * git hook would inherit GIT_DIR) and without the ssh agent, system and global git config ignored, no
 * prompts, and git limited to the ssh transport.
 */
export function sshGitEnv(inherited: NodeJS.ProcessEnv, command: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(inherited)) {
    if (!key.startsWith('GIT_') && key !== 'SSH_AUTH_SOCK' && key !== 'SSH_AGENT_PID' && key !== 'SSH_ASKPASS') env[key] = value;
  }
  return {
    ...env,
    GIT_SSH_COMMAND: command,
    GIT_SSH_VARIANT: 'ssh',
    GIT_ALLOW_PROTOCOL: 'ssh',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    SSH_ASKPASS_REQUIRE: 'never',
  };
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./=:,@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
