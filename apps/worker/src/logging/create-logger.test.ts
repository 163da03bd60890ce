// Log lines are JSON with the configured level, and secrets in logged objects are censored.
import { describe, it, expect } from '@jest/globals';
import { createLogger } from './create-logger.js';

function capture(logLevel: 'info' | 'warn' = 'info'): { lines: Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ logLevel }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, logger };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, service, time and message', () => {
    const { lines, logger } = capture();
    logger.info({ app: 'guestbook' }, 'refreshed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, service: 'driftless-worker', app: 'guestbook', msg: 'refreshed' });
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('drops lines below the configured level', () => {
    const { lines, logger } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((l) => l.msg)).toEqual(['loud']);
  });

  it('censors passwords, tokens and authorization headers, top level and one level down', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: 'p1',
        token: 't1',
        repo: { url: 'https://git.example.com/org/repo.git', password: 'p2', username: 'me' },
        cluster: { bearerToken: 't2', server: 'https://k8s' },
        headers: { authorization: 'Bearer t3', accept: 'application/json' },
      },
      'connecting',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['p1', 'p2', 't1', 't2', 't3']) expect(text).not.toContain(`"${secret}"`);
    expect(text).not.toContain('Bearer t3');
    expect(lines[0]).toMatchObject({
      password: '[Redacted]',
      token: '[Redacted]',
      repo: { url: 'https://git.example.com/org/repo.git', password: '[Redacted]', username: 'me' },
      cluster: { bearerToken: '[Redacted]', server: 'https://k8s' },
      headers: { authorization: '[Redacted]', accept: 'application/json' },
    });
  });

  it('keeps URLs but masks their passwords', () => {
    const { lines, logger } = capture();
    logger.info({ redisUrl: 'redis://:s3cret@redis:6379', repo: { url: 'https://bot:s3cret@git.example.com/r.git' } }, 'config');
    expect(lines[0]).toMatchObject({ redisUrl: 'redis://:***@redis:6379', repo: { url: 'https://bot:***@git.example.com/r.git' } });
    expect(JSON.stringify(lines[0])).not.toContain('s3cret');
  });

  it('adds nothing for fields that are absent', () => {
    const { lines, logger } = capture();
    logger.info({ app: 'guestbook' }, 'plain');
    expect(Object.keys(lines[0] ?? {}).sort()).toEqual(['app', 'level', 'msg', 'service', 'time']);
  });
});
