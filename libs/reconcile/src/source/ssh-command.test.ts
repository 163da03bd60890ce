import { describe, expect, it } from '@jest/globals';
import { sshCommand, sshGitEnv } from './ssh-command.js';

describe('sshCommand', () => {
  it('uses only the given key and known hosts, strictly, without prompts or the user config', () => {
    const command = sshCommand({ keyFile: '/cache/.ssh-1/key', knownHostsFile: '/cache/.ssh-1/known_hosts', insecure: false, connectTimeoutSeconds: 30 });
    expect(command).toBe(
      'ssh -F /dev/null -i /cache/.ssh-1/key -o IdentitiesOnly=yes -o IdentityAgent=none -o StrictHostKeyChecking=yes ' +
        '-o UserKnownHostsFile=/cache/.ssh-1/known_hosts -o GlobalKnownHostsFile=/dev/null -o CheckHostIP=no -o UpdateHostKeys=no ' +
        '-o BatchMode=yes -o LogLevel=ERROR -o ConnectTimeout=30',
    );
  });

  it('skips host key checking when insecure and offers no key without one', () => {
    const command = sshCommand({ knownHostsFile: '/k', insecure: true, connectTimeoutSeconds: 0.2 });
    expect(command).toContain('-o IdentityFile=none -o IdentitiesOnly=yes');
    expect(command).toContain('-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null');
    expect(command).not.toContain('/k');
    expect(command).toContain('-o ConnectTimeout=1');
  });

  it('quotes paths for the shell git runs it through', () => {
    const command = sshCommand({ keyFile: "/tmp/my keys/it's", knownHostsFile: '/tmp/$HOME', insecure: false, connectTimeoutSeconds: 5 });
    expect(command).toContain(`-i '/tmp/my keys/it'\\''s'`);
    expect(command).toContain(`'UserKnownHostsFile=/tmp/$HOME'`);
  });
});

describe('sshGitEnv', () => {
  it('drops inherited git and agent variables and limits git to ssh', () => {
    const env = sshGitEnv({ PATH: '/usr/bin', GIT_DIR: '/elsewhere', SSH_AUTH_SOCK: '/agent', GIT_SSH_COMMAND: 'evil' }, 'ssh -F /dev/null');
    expect(env).toEqual({
      PATH: '/usr/bin',
      GIT_SSH_COMMAND: 'ssh -F /dev/null',
      GIT_SSH_VARIANT: 'ssh',
      GIT_ALLOW_PROTOCOL: 'ssh',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      SSH_ASKPASS_REQUIRE: 'never',
    });
  });
});
