import { describe, expect, it } from '@jest/globals';
import { parseHelmVersion, parseKubectlVersion, parseKustomizeVersion } from './tool-versions.js';

describe('parseKubectlVersion', () => {
  it('reads the client and kustomize versions of `kubectl version --client -o json`', () => {
    const stdout = JSON.stringify({ clientVersion: { major: '1', minor: '33', gitVersion: 'v1.33.9' }, kustomizeVersion: 'v5.6.0' });
    expect(parseKubectlVersion(stdout)).toEqual({ kubectl: 'v1.33.9', kustomize: 'v5.6.0' });
  });

  it('reads the Google Cloud SDK dispatcher, whose gitVersion carries a suffix', () => {
    const stdout = JSON.stringify({ clientVersion: { gitVersion: 'v1.32.4-dispatcher' }, kustomizeVersion: 'v5.5.0' });
    expect(parseKubectlVersion(stdout)).toEqual({ kubectl: 'v1.32.4-dispatcher', kustomize: 'v5.5.0' });
  });

  it('leaves out what an old kubectl does not report and tolerates garbage', () => {
    expect(parseKubectlVersion(JSON.stringify({ clientVersion: { gitVersion: 'v1.20.0' } }))).toEqual({ kubectl: 'v1.20.0' });
    expect(parseKubectlVersion('Client Version: v1.33.9')).toEqual({});
    expect(parseKubectlVersion('[]')).toEqual({});
  });
});

describe('parseHelmVersion', () => {
  it.each([
    ['v4.1.4', 'v4.1.4'],
    ['v3.14.0+g3fc9f4b', 'v3.14.0'],
    ['v3.15.0-rc.1\n', 'v3.15.0-rc.1'],
  ])('reads %j as %s', (stdout, expected) => {
    expect(parseHelmVersion(stdout)).toBe(expected);
  });

  it('returns undefined when there is no version', () => {
    expect(parseHelmVersion('Error: unknown flag: --template')).toBeUndefined();
  });
});

describe('parseKustomizeVersion', () => {
  it.each([
    ['v5.6.0\n', 'v5.6.0'],
    ['{Version:kustomize/v4.5.7 GitCommit:56d82a8378dfc8dc3b3b1085e5a6e67b82966bd7 BuildDate:2022-08-02T16:35:54Z GoOs:linux GoArch:amd64}', 'v4.5.7'],
    ['kustomize/v3.8.7', 'v3.8.7'],
    ['5.4.3', 'v5.4.3'],
  ])('reads %j as %s', (stdout, expected) => {
    expect(parseKustomizeVersion(stdout)).toBe(expected);
  });
});
