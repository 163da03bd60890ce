// How finished tool runs turn into output or typed errors.
import { describe, expect, it } from '@jest/globals';
import { InvalidInputError, UnavailableError } from '@driftless/api';
import { toolOutput } from './tool-output.js';

const ok = { stdout: 'out', stderr: '', exitCode: 0 };

describe('toolOutput', () => {
  it('returns stdout of a successful run', () => {
    expect(toolOutput('helm', ok, '/tmp/w', 1000)).toBe('out');
  });

  it('turns a timeout into UnavailableError', () => {
    expect(() => toolOutput('kustomize', { ...ok, exitCode: 143, timedOut: true }, '/tmp/w', 1000)).toThrow(UnavailableError);
    expect(() => toolOutput('kustomize', { ...ok, exitCode: 143, timedOut: true }, '/tmp/w', 1000)).toThrow('kustomize did not finish within 1000 ms');
  });

  it('turns a failure into InvalidInputError with the tool message, private paths removed', () => {
    const failed = { stdout: '', stderr: 'Error: open /tmp/w/repo/app/values.yaml: bad\n', exitCode: 1 };
    expect(() => toolOutput('helm', failed, '/tmp/w', 1000)).toThrow(new InvalidInputError('helm failed (exit code 1): Error: open app/values.yaml: bad'));
  });

  it('rejects output over the runner limit', () => {
    expect(() => toolOutput('helm', { ...ok, exitCode: 143, outputLimitExceeded: true }, '/tmp/w', 1000)).toThrow('helm wrote more output than allowed');
  });
});
