// The one error the patch library throws; its reason picks the HTTP status the server answers with.

/**
 * Why a patch could not be applied, named after the Kubernetes StatusReason the server should send:
 * `Invalid` → 422 Unprocessable Entity, `BadRequest` → 400 Bad Request.
 */
export type PatchErrorReason = 'Invalid' | 'BadRequest';

/**
 * A patch that cannot be applied. `reason` says which HTTP status the API server answers with;
 * `message` is the text upstream puts in Status.message (close to, not always byte-equal with, it).
 */
export class PatchError extends Error {
  readonly reason: PatchErrorReason;

  constructor(reason: PatchErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PatchError';
    this.reason = reason;
  }
}

/** A `BadRequest` PatchError: the patch body is malformed. */
export function badRequest(message: string, cause?: unknown): PatchError {
  return new PatchError('BadRequest', message, cause === undefined ? undefined : { cause });
}

/** An `Invalid` PatchError: the patch is well formed but cannot apply to this object. */
export function invalid(message: string, cause?: unknown): PatchError {
  return new PatchError('Invalid', message, cause === undefined ? undefined : { cause });
}
