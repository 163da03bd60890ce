// How helm's failures become typed errors, over helm 4's own messages.
import { describe, expect, it } from '@jest/globals';
import { NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import { isExactChartVersion } from './chart-source.js';
import { toHelmPullError } from './helm-chart-errors.js';
import type { HelmPullTarget } from './helm-chart-errors.js';

const URL = 'https://charts.example.com/stable';
const target: HelmPullTarget = { repoURL: URL, host: 'charts.example.com', chart: 'nginx', version: '15.*', secrets: ['hunter2'], timeoutMs: 90_000 };
const failed = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });

describe('toHelmPullError', () => {
  it.each([
    ['a missing version', 'Error: chart "nginx" version "15.*" not found in https://charts.example.com/stable repository\n', NotFoundError, `chart nginx version 15.* not found in ${URL}`],
    [
      'a warning before the error',
      'level=WARN msg="unable to find exact version requested"\nError: chart "nginx" version "15.*" not found in https://charts.example.com/stable repository\n',
      NotFoundError,
      `chart nginx version 15.* not found in ${URL}`,
    ],
    ['HTTP 401', `Error: looks like "${URL}" is not a valid chart repository or cannot be reached: failed to fetch ${URL}/index.yaml : 401 Unauthorized\n`, PermissionDeniedError, `access to ${URL} was denied: check the repository credentials`],
    ['HTTP 403 for the archive', `Error: failed to fetch ${URL}/nginx-15.0.0.tgz : 403 Forbidden\n`, PermissionDeniedError, `access to ${URL} was denied: check the repository credentials`],
    ['no index', `Error: looks like "${URL}" is not a valid chart repository or cannot be reached: failed to fetch ${URL}/index.yaml : 404 Not Found\n`, NotFoundError, `${URL} is not a Helm chart repository (index.yaml: HTTP 404)`],
    ['HTTP 502', `Error: looks like "${URL}" is not a valid chart repository or cannot be reached: failed to fetch ${URL}/index.yaml : 502 Bad Gateway\n`, UnavailableError, `${URL} answered HTTP 502 for chart nginx`],
    [
      'an unknown host',
      `Error: looks like "${URL}" is not a valid chart repository or cannot be reached: Get "${URL}/index.yaml": dial tcp: lookup charts.example.com on 10.0.0.1:53: no such host\n`,
      UnavailableError,
      'cannot reach charts.example.com: dial tcp: lookup charts.example.com on 10.0.0.1:53: no such host',
    ],
    [
      'an untrusted certificate',
      `Error: looks like "${URL}" is not a valid chart repository or cannot be reached: Get "${URL}/index.yaml": tls: failed to verify certificate: x509: certificate signed by unknown authority\n`,
      UnavailableError,
      'cannot reach charts.example.com: tls: failed to verify certificate: x509: certificate signed by unknown authority',
    ],
    ['anything else, scrubbed', 'Error: something odd about hunter2\n', UnavailableError, `helm pull of chart nginx from ${URL} failed: something odd about ***`],
  ])('%s', (_name, stderr, type, message) => {
    const error = toHelmPullError(failed(stderr), target);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
  });

  it('names the host when helm timed out', () => {
    const error = toHelmPullError({ stdout: '', stderr: '', exitCode: 124, timedOut: true }, target);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe('cannot reach charts.example.com: helm pull of chart nginx timed out after 90s');
  });
});

describe('isExactChartVersion', () => {
  it.each(['1.2.3', 'v1.2.3', '1.2.3-rc.1', '1.2.3+build.7', ' 1.2.3 '])('%s is a version', (revision) => expect(isExactChartVersion(revision)).toBe(true));
  it.each(['1.2.*', '1.*', '*', '>=1.0.0 <2.0.0', '^1.2', '~1.2.3', '1.2', '', 'latest'])('%s is a constraint', (revision) => expect(isExactChartVersion(revision)).toBe(false));
});
