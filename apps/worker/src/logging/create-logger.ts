// The worker's structured JSON logger (pino), with secrets censored wherever they appear in a
// logged object: passwords, tokens, credentials, Authorization headers, and Redis URLs' passwords.
import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '../config/load-worker-config.js';
import { redactRedisUrl } from '../redis/redact-redis-url.js';

/** Fields whose value is replaced by `[Redacted]`, at the top level or one object down. */
export const REDACTED_FIELDS = ['password', 'token', 'secret', 'bearerToken', 'clientSecret', 'privateKey', 'sshPrivateKey', 'authorization'] as const;

/** Fields holding a Redis URL, logged with the password masked. */
const REDIS_URL_FIELDS = ['redisUrl', 'url'] as const;

const REDACT_PATHS = [
  ...[...REDACTED_FIELDS, ...REDIS_URL_FIELDS].flatMap((field) => [field, `*.${field}`]),
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * A pino logger writing one JSON object per line to `destination` (stdout by default) at
 * `config.logLevel`, with `service: 'driftless-worker'` on every line. Values at REDACTED_FIELDS
 * (top level or one level down, e.g. `password`, `repo.token`, `headers.authorization`) print as
 * `[Redacted]`; `redisUrl`/`url` print with any password masked (`redis://:***@host:6379`).
 * Example: logger.info({ repo: { url: 'https://git', password: 'x' } }, 'cloned') →
 * {"level":30,…,"repo":{"url":"https://git","password":"[Redacted]"},"msg":"cloned"}.
 */
export function createLogger(config: { readonly logLevel: LogLevel }, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'driftless-worker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor },
    },
    destination ?? pino.destination(1),
  );
}

// pino hands the censor each redacted value with its path; only URLs keep a (masked) value.
function censor(value: unknown, path: string[]): unknown {
  const field = path[path.length - 1] ?? '';
  if ((REDIS_URL_FIELDS as readonly string[]).includes(field)) return typeof value === 'string' ? maskUrlPassword(value) : value;
  return '[Redacted]';
}

// Any URL's password, not just redis://: a Git repository URL can carry one too.
function maskUrlPassword(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]*@/i.test(value) ? redactRedisUrl(value) : value;
}
