// Maps every failure of a Kubernetes API call (HTTP status or network error) to Driftless's typed
// errors, in one place, with the cluster server, GVK, namespace and name as context.
import { ConflictError, DriftlessError, InvalidInputError, NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import type { ErrorContext } from '@driftless/api';

/** What a failed call was about: enough to name the object in a message and in `context`. */
export interface KubeCallContext {
  /** The cluster's API server URL. */
  readonly server: string;
  /** The verb, e.g. `get`, `list`, `patch`, `discovery`. */
  readonly verb: string;
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** `Kind ns/name`, `Kind name`, or `Kind` — how messages name the object of a call. */
export function describeTarget(ctx: KubeCallContext): string {
  const kind = ctx.kind ?? 'resource';
  const apiGroup = ctx.group ? `.${ctx.group}` : '';
  const name = ctx.name ? ` ${ctx.namespace ? `${ctx.namespace}/` : ''}${ctx.name}` : ctx.namespace ? ` in namespace ${ctx.namespace}` : '';
  return `${kind}${apiGroup}${name}`;
}

/** Extracts the `message` of a Kubernetes `Status` body, else the body text itself (shortened). */
export function statusMessage(body: unknown): string {
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') return parsed.message;
    } catch {
      // not JSON: use the text
    }
    return body.slice(0, 300);
  }
  return '';
}

/**
 * The one mapping from an HTTP status to a typed error: 404 → NotFoundError, 409 → ConflictError,
 * 401/403 → PermissionDeniedError, 400/415/422 → InvalidInputError, 410/429/5xx and anything else →
 * UnavailableError. The message reads `<verb> <Kind ns/name> on <server>: <server's message>`.
 */
export function errorForStatus(status: number, message: string, ctx: KubeCallContext, cause?: unknown): DriftlessError {
  const text = `${ctx.verb} ${describeTarget(ctx)} on ${ctx.server}: ${message || `HTTP ${status}`}`;
  const options = { context: contextOf(ctx, status), cause };
  if (status === 404) return new NotFoundError(text, options);
  if (status === 409) return new ConflictError(text, options);
  if (status === 401 || status === 403) return new PermissionDeniedError(text, options);
  if (status === 400 || status === 415 || status === 422) return new InvalidInputError(text, options);
  return new UnavailableError(text, options);
}

/**
 * Turns anything a client-node call threw into a typed error: errors already typed pass through;
 * objects with a numeric `code`/`statusCode` (ApiException, watch errors) go through
 * {@link errorForStatus}; everything else (connection refused, TLS, DNS) is an UnavailableError.
 */
export function toKubeError(error: unknown, ctx: KubeCallContext): DriftlessError {
  if (error instanceof DriftlessError) return error;
  const status = httpStatusOf(error);
  if (status !== undefined) {
    const body = error && typeof error === 'object' && 'body' in error ? error.body : undefined;
    return errorForStatus(status, statusMessage(body) || (error instanceof Error ? error.message : ''), ctx, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UnavailableError(`${ctx.verb} ${describeTarget(ctx)} on ${ctx.server}: ${message}`, { context: contextOf(ctx), cause: error });
}

/** The HTTP status an error carries (`code` of ApiException, `statusCode` of watch errors), if any. */
export function httpStatusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  for (const key of ['statusCode', 'code'] as const) {
    const value = (error as Record<string, unknown>)[key];
    if (typeof value === 'number' && value >= 100 && value < 600) return value;
  }
  return undefined;
}

function contextOf(ctx: KubeCallContext, status?: number): ErrorContext {
  return { ...ctx, ...(status === undefined ? {} : { status }) };
}
