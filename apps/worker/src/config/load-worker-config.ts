// The worker's settings from its environment, checked all at once so a misconfigured deployment
// fails at start with every bad variable named.
import { InvalidInputError } from '@driftless/api';
import { redactRedisUrl } from '../redis/redact-redis-url.js';

/** Log levels the worker accepts (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of LOG_LEVELS. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the worker reads from its environment. */
export interface WorkerConfig {
  /** `KUBECONFIG`: kubeconfig file(s), `:`-separated; absent means in-cluster or `~/.kube/config`. */
  readonly kubeconfigPath?: string;
  /** `REDIS_URL` (`redis://` or `rediss://`). @defaultValue `redis://127.0.0.1:6379` */
  readonly redisUrl: string;
  /** `DRIFTLESS_NAMESPACE`: where Applications, AppProjects and settings live. @defaultValue `argocd` */
  readonly namespace: string;
  /** `DRIFTLESS_WORKER_METRICS_PORT`; 0 picks a free port. @defaultValue 8082, Argo's application-controller metrics port */
  readonly metricsPort: number;
  /** `DRIFTLESS_LOG_LEVEL`. @defaultValue `info` */
  readonly logLevel: LogLevel;
  /** `DRIFTLESS_WORKER_CACHE_DIR`: repository, chart and render caches. @defaultValue `<tmpdir>/driftless-worker` (set by the caller) */
  readonly cacheDir?: string;
  /** `DRIFTLESS_ALLOW_HTTP_REPOS=true`: accept `http://` Git and Helm repositories (development). @defaultValue false */
  readonly allowHttpRepos: boolean;
  /** `DRIFTLESS_QUEUE_PREFIX`: BullMQ key prefix, so several installations can share one Redis. @defaultValue `driftless` */
  readonly queuePrefix: string;
  /**
   * `DRIFTLESS_JOB_LOCK_MS`: how long a job of a worker that died stays claimed before another worker
   * takes it over (BullMQ's lock duration; live workers renew it). @defaultValue 30000
   */
  readonly jobLockMs: number;
}

/** Defaults for every setting that has one. */
export const WORKER_CONFIG_DEFAULTS = {
  redisUrl: 'redis://127.0.0.1:6379',
  namespace: 'argocd',
  metricsPort: 8082,
  logLevel: 'info',
  allowHttpRepos: false,
  queuePrefix: 'driftless',
  jobLockMs: 30_000,
} as const satisfies Omit<WorkerConfig, 'kubeconfigPath' | 'cacheDir'>;

/**
 * Reads WorkerConfig from `env` (usually `process.env`). Unset and empty variables take their
 * default; values are trimmed; log levels are case-insensitive. Throws InvalidInputError whose
 * problems have the variable name as `path` for each bad value: a REDIS_URL that is not
 * `redis[s]://host[:port][/db]`, a namespace that is not a DNS-1123 label, a port outside 0–65535,
 * an unknown log level. Messages never repeat a Redis password.
 * Example: { DRIFTLESS_NAMESPACE: 'gitops' } → { redisUrl: 'redis://127.0.0.1:6379', namespace: 'gitops', metricsPort: 8082, logLevel: 'info' }.
 */
export function loadWorkerConfig(env: Readonly<Record<string, string | undefined>>): WorkerConfig {
  const problems: { path: string; message: string }[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const redisUrl = read('REDIS_URL') ?? WORKER_CONFIG_DEFAULTS.redisUrl;
  const redisProblem = redisUrlProblem(redisUrl);
  if (redisProblem !== undefined) problems.push({ path: 'REDIS_URL', message: redisProblem });

  const namespace = read('DRIFTLESS_NAMESPACE') ?? WORKER_CONFIG_DEFAULTS.namespace;
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) {
    problems.push({ path: 'DRIFTLESS_NAMESPACE', message: `${JSON.stringify(namespace)} is not a namespace name (lower-case letters, digits, '-'; at most 63)` });
  }

  let metricsPort: number = WORKER_CONFIG_DEFAULTS.metricsPort;
  const port = read('DRIFTLESS_WORKER_METRICS_PORT');
  if (port !== undefined && /^\d{1,5}$/.test(port) && Number(port) <= 65535) metricsPort = Number(port);
  else if (port !== undefined) problems.push({ path: 'DRIFTLESS_WORKER_METRICS_PORT', message: `${JSON.stringify(port)} is not a port number (0–65535)` });

  let logLevel: LogLevel = WORKER_CONFIG_DEFAULTS.logLevel;
  const level = read('DRIFTLESS_LOG_LEVEL')?.toLowerCase();
  if (level !== undefined && isLogLevel(level)) logLevel = level;
  else if (level !== undefined) problems.push({ path: 'DRIFTLESS_LOG_LEVEL', message: `${JSON.stringify(level)} is not one of ${LOG_LEVELS.join(', ')}` });

  const allowHttp = read('DRIFTLESS_ALLOW_HTTP_REPOS')?.toLowerCase();
  if (allowHttp !== undefined && allowHttp !== 'true' && allowHttp !== 'false') problems.push({ path: 'DRIFTLESS_ALLOW_HTTP_REPOS', message: `${JSON.stringify(allowHttp)} is not true or false` });

  const queuePrefix = read('DRIFTLESS_QUEUE_PREFIX') ?? WORKER_CONFIG_DEFAULTS.queuePrefix;
  // BullMQ joins keys with ':'; a prefix holding one would split them differently.
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(queuePrefix)) problems.push({ path: 'DRIFTLESS_QUEUE_PREFIX', message: `${JSON.stringify(queuePrefix)} is not a key prefix (letters, digits, '_', '.', '-'; at most 64)` });

  let jobLockMs: number = WORKER_CONFIG_DEFAULTS.jobLockMs;
  const lock = read('DRIFTLESS_JOB_LOCK_MS');
  if (lock !== undefined && /^\d{1,9}$/.test(lock) && Number(lock) >= 1000) jobLockMs = Number(lock);
  else if (lock !== undefined) problems.push({ path: 'DRIFTLESS_JOB_LOCK_MS', message: `${JSON.stringify(lock)} is not a duration in milliseconds of at least 1000` });

  if (problems.length > 0) {
    throw new InvalidInputError(`invalid worker configuration: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { problems });
  }
  const kubeconfigPath = read('KUBECONFIG');
  const cacheDir = read('DRIFTLESS_WORKER_CACHE_DIR');
  return {
    ...(kubeconfigPath === undefined ? {} : { kubeconfigPath }),
    ...(cacheDir === undefined ? {} : { cacheDir }),
    redisUrl,
    namespace,
    metricsPort,
    logLevel,
    allowHttpRepos: allowHttp === 'true',
    queuePrefix,
    jobLockMs,
  };
}

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

// Why `url` cannot be a Redis URL, or undefined when it can; the URL is quoted with its password masked.
function redisUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL (expected redis://[:password@]host[:port][/db])';
  }
  const shown = JSON.stringify(redactRedisUrl(url));
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') return `${shown} must start with redis:// or rediss://`;
  if (parsed.hostname === '') return `${shown} has no host`;
  if (!/^(\/\d*)?$/.test(parsed.pathname)) return `${shown} has a path that is not a database number`;
  return undefined;
}
