// The error table: every Driftless code maps to its GraphQL code and exit code; nothing else leaks.
import { describe, it, expect } from '@jest/globals';
import { ConflictError, DriftlessError, InvalidInputError, NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import { exitCodeForGraphQLCode } from './error-codes.js';
import type { GraphQLErrorCode } from './error-codes.js';
import { INTERNAL_ERROR_MESSAGE, exitCodeFor, toGraphQLError, toGraphQLErrorExtensions } from './to-graphql-error.js';

class ImportFailedError extends ConflictError {}

describe('Driftless errors', () => {
  const cases: readonly [error: DriftlessError, code: GraphQLErrorCode, exitCode: number][] = [
    [new NotFoundError('application guestbook not found'), 'NOT_FOUND', 13],
    [new ConflictError('application guestbook was modified; retry'), 'CONFLICT', 20],
    [new ImportFailedError('subclasses map through their base code'), 'CONFLICT', 20],
    [new InvalidInputError('spec.destination.server: required'), 'BAD_USER_INPUT', 20],
    [new PermissionDeniedError('permission denied: applications, sync, default/guestbook'), 'FORBIDDEN', 12],
    [new UnavailableError('Redis at redis://:***@redis:6379 is unreachable'), 'UNAVAILABLE', 11],
  ];

  it.each(cases.map(([error, code, exitCode]) => [error.name, code, exitCode, error] as const))('%s → %s, exit %i, message kept', (_name, code, exitCode, error) => {
    expect(toGraphQLErrorExtensions(error)).toEqual({ code });
    expect(toGraphQLError(error)).toEqual({ message: error.message, extensions: { code } });
    expect(exitCodeFor(error)).toBe(exitCode);
    expect(exitCodeForGraphQLCode(code)).toBe(exitCode);
  });

  it('sends every problem of an InvalidInputError and nothing else of it', () => {
    const error = new InvalidInputError('2 problems', {
      problems: [
        { path: 'spec.destination.server', message: 'required' },
        { path: 'spec.sources[1].repoURL', message: 'must be a URL' },
      ],
      context: { app: 'guestbook' },
      cause: new Error('secret detail'),
    });
    expect(toGraphQLError(error)).toEqual({
      message: '2 problems',
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          { path: 'spec.destination.server', message: 'required' },
          { path: 'spec.sources[1].repoURL', message: 'must be a URL' },
        ],
      },
    });
  });

  it('hides the message of an Internal DriftlessError', () => {
    const error = new DriftlessError('Internal', 'reconcile panicked at /srv/driftless/engine.ts:42');
    expect(toGraphQLError(error)).toEqual({ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(exitCodeFor(error)).toBe(20);
  });
});

describe('anything else', () => {
  const secret = 'password=hunter2 at /etc/driftless/secret';
  const others: readonly [label: string, thrown: unknown][] = [
    ['an Error', new Error(secret)],
    ['a TypeError', new TypeError(secret)],
    ['an Error with a code property', Object.assign(new Error(secret), { code: 'NotFound' })],
    ['a look-alike object', { name: 'NotFoundError', code: 'NotFound', message: secret }],
    ['a string', secret],
    ['undefined', undefined],
    ['null', null],
  ];

  it.each(others)('%s → INTERNAL_SERVER_ERROR with a generic message', (_label, thrown) => {
    const result = toGraphQLError(thrown);
    expect(result).toEqual({ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(exitCodeFor(thrown)).toBe(20);
  });
});

describe('exitCodeForGraphQLCode', () => {
  it.each([
    ['INTERNAL_SERVER_ERROR', 20],
    ['GRAPHQL_PARSE_FAILED', 20],
    [undefined, 20],
  ] as const)('%s → %i', (code, exitCode) => {
    expect(exitCodeForGraphQLCode(code)).toBe(exitCode);
  });
});
