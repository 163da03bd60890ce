// Reads the errors the cluster ports throw: an HTTP-like status, whether it is worth retrying, and
// whether the object simply was not there. Ports may throw @driftless/api errors or SyncApiError.
import { DriftlessError } from '@driftless/api';
import type { ErrorCode } from '@driftless/api';

/** HTTP statuses of the typed errors of `@driftless/api`, as the Kubernetes API would answer. */
const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  NotFound: 404,
  Conflict: 409,
  InvalidInput: 422,
  PermissionDenied: 403,
  Unavailable: 503,
  Internal: 500,
};

/** Node's network failures: the request may not have reached the server, so trying again is safe. */
const NETWORK_CODES: readonly string[] = ['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ESOCKETTIMEDOUT'];

/** An error with the API server's HTTP status, for ports that hold the raw response. */
export class SyncApiError extends Error {
  /** HTTP status: 404 not found, 409 conflict, 422 invalid, 429 throttled, 5xx server trouble. */
  readonly code: number;

  constructor(code: number, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SyncApiError';
    this.code = code;
  }
}

function numberField(error: object, field: 'code' | 'statusCode' | 'status'): number | undefined {
  const value: unknown = (error as Record<string, unknown>)[field];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/**
 * The HTTP status an error stands for: a `DriftlessError`'s code mapped (Conflict 409, Unavailable 503,
 * InvalidInput 422, PermissionDenied 403, NotFound 404, Internal 500), else a numeric `code`,
 * `statusCode` or `status` field (SyncApiError, client libraries). `undefined` when there is none.
 */
export function apiStatusOf(error: unknown): number | undefined {
  if (error instanceof DriftlessError) return STATUS_OF_CODE[error.code];
  if (typeof error !== 'object' || error === null) return undefined;
  return numberField(error, 'code') ?? numberField(error, 'statusCode') ?? numberField(error, 'status');
}

/** Whether the error is a timeout or a dropped connection rather than an answer from the server. */
export function isTimeoutError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'TimeoutError' || name === 'AbortError' || (typeof code === 'string' && NETWORK_CODES.includes(code));
}

/** Whether the API said the object (or its kind, or its namespace) does not exist. */
export function isNotFound(error: unknown): boolean {
  return apiStatusOf(error) === 404;
}

/** The message to show users: the API's own words. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
