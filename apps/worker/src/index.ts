// Public API of @driftless/worker: configuration, Redis connection and check, logging; jobs later.
export { loadWorkerConfig, LOG_LEVELS, WORKER_CONFIG_DEFAULTS } from './config/load-worker-config.js';
export type { WorkerConfig, LogLevel } from './config/load-worker-config.js';
export { connectRedis } from './redis/connect-redis.js';
export type { ConnectRedisOptions } from './redis/connect-redis.js';
export { checkRedis, isRedisVersionSupported, MINIMUM_REDIS_VERSION, UnsupportedRedisError } from './redis/check-redis.js';
export type { RedisCheck, RedisConnection } from './redis/check-redis.js';
export { redactRedisUrl, describeRedisEndpoint } from './redis/redact-redis-url.js';
export type { RedisEndpoint } from './redis/redact-redis-url.js';
export { createLogger, REDACTED_FIELDS } from './logging/create-logger.js';
export { createRefresher } from './refresh/create-refresher.js';
export type { Refresher, RefresherOptions } from './refresh/create-refresher.js';
export { createKubeLiveState, isControlDestination } from './refresh/kube-live-state.js';
export type { KubeLiveState, KubeLiveStateOptions } from './refresh/kube-live-state.js';
