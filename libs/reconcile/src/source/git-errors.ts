// Turns what isomorphic-git and the network throw into the platform's typed errors, naming the
// repository by its redacted URL and never carrying a password or token in the message.
import { DriftlessError, NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import { redactUrl } from './repo-url.js';

// Errors of the socket layer that mean "the server cannot be reached right now".
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface ErrorShape {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly data?: { readonly statusCode?: unknown };
}

/**
 * Maps a failed fetch to a typed error: typed errors pass through; HTTP 401/403 → PermissionDeniedError;
 * HTTP 404 → NotFoundError; other HTTP statuses, socket errors and anything else → UnavailableError
 * with the reason. Every string in `secrets` is replaced by `***` in the reason, so a server or library
 * that echoes a credential cannot leak it.
 */
export function toGitFetchError(error: unknown, repoURL: string, secrets: readonly string[] = []): Error {
  if (error instanceof DriftlessError) return error;
  const shown = redactUrl(repoURL);
  const context = { repoURL: shown };
  const shape: ErrorShape = typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
  const reason = scrub(typeof shape.message === 'string' ? shape.message : String(error), secrets);
  if (shape.code === 'HttpError' && typeof shape.data?.statusCode === 'number') {
    const status = shape.data.statusCode;
    if (status === 401 || status === 403) {
      return new PermissionDeniedError(`access to ${shown} was denied (HTTP ${status}): check the repository credentials`, {
        context: { ...context, status },
      });
    }
    if (status === 404) return new NotFoundError(`repository ${shown} not found (HTTP 404)`, { context: { ...context, status } });
    return new UnavailableError(`${shown} answered HTTP ${status}`, { context: { ...context, status } });
  }
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) {
    return new UnavailableError(`cannot reach ${shown}: ${reason}`, { context: { ...context, reason: shape.code } });
  }
  if (shape.code === 'SmartHttpError') {
    return new UnavailableError(`${shown} is not a smart-HTTP git server`, { context });
  }
  return new UnavailableError(`fetching ${shown} failed: ${reason}`, { context });
}

/** Replaces every occurrence of each non-empty secret in `text` by `***`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) result = result.split(secret).join('***');
  }
  return result;
}
