// Public API of @driftless/testing: helpers every project's tests share — polling, temp folders,
// temp and served git repositories, served Helm chart repositories, and BullMQ isolation against the real Redis.
export { waitFor, WaitForTimeoutError } from './wait-for.js';
export type { Falsy, WaitForOptions } from './wait-for.js';
export { tempDir } from './temp-dir.js';
export type { TempDir } from './temp-dir.js';
export { createTempRepo } from './git/temp-repo.js';
export type { FileChanges, TagOptions, TempRepo, TempRepoOptions } from './git/temp-repo.js';
export { createServedRepo } from './git/served-repo.js';
export type { ServedRepo } from './git/served-repo.js';
export { startChartRepo } from './helm/chart-repo.js';
export type { ChartRepo, ChartRepoOptions, ChartToPublish } from './helm/chart-repo.js';
export type { InlineChart } from './helm/helm-cli.js';
export { cleanupQueuePrefix, DEFAULT_REDIS_URL, redisConnection, uniqueQueuePrefix } from './bullmq/queue-prefix.js';
export { withQueuePrefix } from './bullmq/with-queue-prefix.js';
export type { JestHooks, QueuePrefixFixture } from './bullmq/with-queue-prefix.js';
export { startTestRedis } from './redis/test-redis.js';
export type { TestRedis } from './redis/test-redis.js';
