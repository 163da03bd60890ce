// Worker configuration from environment variables: defaults, accepted values, and every bad one named.
import { describe, it, expect } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { loadWorkerConfig } from './load-worker-config.js';
import type { WorkerConfig } from './load-worker-config.js';

const DEFAULTS: WorkerConfig = { redisUrl: 'redis://127.0.0.1:6379', namespace: 'argocd', metricsPort: 8082, logLevel: 'info', allowHttpRepos: false, queuePrefix: 'driftless', jobLockMs: 30000 };

describe('loadWorkerConfig', () => {
  const valid: readonly [label: string, env: Record<string, string | undefined>, expected: WorkerConfig][] = [
    ['nothing set: defaults', {}, DEFAULTS],
    ['empty and blank values: defaults', { REDIS_URL: '', DRIFTLESS_NAMESPACE: '  ', DRIFTLESS_WORKER_METRICS_PORT: '', DRIFTLESS_LOG_LEVEL: '', KUBECONFIG: '' }, DEFAULTS],
    [
      'everything set',
      {
        KUBECONFIG: '/home/me/.kube/config:/tmp/dev.yaml',
        REDIS_URL: 'rediss://worker:s3cret@redis.example.com:6380/2',
        DRIFTLESS_NAMESPACE: 'gitops-system',
        DRIFTLESS_WORKER_METRICS_PORT: '9102',
        DRIFTLESS_LOG_LEVEL: 'debug',
        DRIFTLESS_WORKER_CACHE_DIR: '/var/cache/driftless',
        DRIFTLESS_ALLOW_HTTP_REPOS: 'TRUE',
        DRIFTLESS_QUEUE_PREFIX: 'gitops-prod',
        DRIFTLESS_JOB_LOCK_MS: '5000',
      },
      { kubeconfigPath: '/home/me/.kube/config:/tmp/dev.yaml', redisUrl: 'rediss://worker:s3cret@redis.example.com:6380/2', namespace: 'gitops-system', metricsPort: 9102, logLevel: 'debug', cacheDir: '/var/cache/driftless', allowHttpRepos: true, queuePrefix: 'gitops-prod', jobLockMs: 5000 },
    ],
    ['values trimmed, level case-insensitive', { DRIFTLESS_NAMESPACE: ' argocd ', DRIFTLESS_LOG_LEVEL: ' WARN ' }, { ...DEFAULTS, logLevel: 'warn' }],
    ['port 0: any free port', { DRIFTLESS_WORKER_METRICS_PORT: '0' }, { ...DEFAULTS, metricsPort: 0 }],
    ['port 65535', { DRIFTLESS_WORKER_METRICS_PORT: '65535' }, { ...DEFAULTS, metricsPort: 65535 }],
    ['redis without port, with database 0', { REDIS_URL: 'redis://redis/0' }, { ...DEFAULTS, redisUrl: 'redis://redis/0' }],
    ['silent logs', { DRIFTLESS_LOG_LEVEL: 'silent' }, { ...DEFAULTS, logLevel: 'silent' }],
  ];

  it.each(valid)('%s', (_label, env, expected) => {
    expect(loadWorkerConfig(env)).toEqual(expected);
  });

  const invalid: readonly [variable: string, value: string, message: string][] = [
    ['REDIS_URL', 'localhost:6379', '"localhost:6379" must start with redis:// or rediss://'],
    ['REDIS_URL', 'not a url', 'is not a URL (expected redis://[:password@]host[:port][/db])'],
    ['REDIS_URL', 'http://redis:6379', '"http://redis:6379" must start with redis:// or rediss://'],
    ['REDIS_URL', 'redis://:s3cret@redis:6379/queue', '"redis://:***@redis:6379/queue" has a path that is not a database number'],
    ['DRIFTLESS_NAMESPACE', 'Argo_CD', '"Argo_CD" is not a namespace name (lower-case letters, digits, \'-\'; at most 63)'],
    ['DRIFTLESS_NAMESPACE', 'a'.repeat(64), `"${'a'.repeat(64)}" is not a namespace name (lower-case letters, digits, '-'; at most 63)`],
    ['DRIFTLESS_NAMESPACE', '-argocd', '"-argocd" is not a namespace name (lower-case letters, digits, \'-\'; at most 63)'],
    ['DRIFTLESS_WORKER_METRICS_PORT', '65536', '"65536" is not a port number (0–65535)'],
    ['DRIFTLESS_WORKER_METRICS_PORT', '80a', '"80a" is not a port number (0–65535)'],
    ['DRIFTLESS_WORKER_METRICS_PORT', '-1', '"-1" is not a port number (0–65535)'],
    ['DRIFTLESS_LOG_LEVEL', 'verbose', '"verbose" is not one of fatal, error, warn, info, debug, trace, silent'],
    ['DRIFTLESS_ALLOW_HTTP_REPOS', 'yes', '"yes" is not true or false'],
    ['DRIFTLESS_QUEUE_PREFIX', 'a:b', '"a:b" is not a key prefix (letters, digits, \'_\', \'.\', \'-\'; at most 64)'],
    ['DRIFTLESS_JOB_LOCK_MS', '10', '"10" is not a duration in milliseconds of at least 1000'],
  ];

  it.each(invalid)('rejects %s=%j naming the variable', (variable, value, message) => {
    let caught: unknown;
    try {
      loadWorkerConfig({ [variable]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    const error = caught as InvalidInputError;
    expect(error.problems).toEqual([{ path: variable, message }]);
    expect(error.message).toBe(`invalid worker configuration: ${variable}: ${message}`);
    expect(error.message).not.toContain('s3cret');
  });

  it('names every bad variable at once', () => {
    const attempt = (): unknown => loadWorkerConfig({ REDIS_URL: 'x', DRIFTLESS_LOG_LEVEL: 'loud', DRIFTLESS_WORKER_METRICS_PORT: 'http' });
    expect(attempt).toThrow(InvalidInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidInputError).problems.map((p) => p.path)).toEqual(['REDIS_URL', 'DRIFTLESS_WORKER_METRICS_PORT', 'DRIFTLESS_LOG_LEVEL']);
    }
  });
});
