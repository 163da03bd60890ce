// The one error type the request pipeline throws: it carries the Kubernetes Status object to send.
import type { JsonObject } from '../model/json.js';

/** A cause inside Status.details.causes. */
export interface StatusCause extends JsonObject {
  reason: string;
  message: string;
  field: string;
}

/** Status.details: which object the failure is about. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/**
 * A failure to report to the client as `{kind: Status, status: Failure, ...}` with `code` as the
 * HTTP status. `reason` is the upstream StatusReason ('' for plain storage errors, as upstream).
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }

  /** The Status object, byte-compatible with what kube-apiserver sends. */
  toStatus(): JsonObject {
    const status: JsonObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message };
    if (this.reason !== '') status['reason'] = this.reason;
    if (this.details !== undefined) status['details'] = detailsJson(this.details);
    status['code'] = this.code;
    return status;
  }
}

function detailsJson(details: StatusDetails): JsonObject {
  const out: JsonObject = {};
  if (details.name !== undefined) out['name'] = details.name;
  if (details.group !== undefined && details.group !== '') out['group'] = details.group;
  if (details.kind !== undefined) out['kind'] = details.kind;
  if (details.uid !== undefined) out['uid'] = details.uid;
  if (details.causes !== undefined) out['causes'] = details.causes;
  if (details.retryAfterSeconds !== undefined) out['retryAfterSeconds'] = details.retryAfterSeconds;
  return out;
}

/** True when `err` is an {@link ApiError}. */
export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
