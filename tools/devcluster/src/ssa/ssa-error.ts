// The one error the SSA library throws; its reason picks the HTTP status the server answers with.

/**
 * Why an apply (or a managedFields decode) failed, named after the Kubernetes StatusReason:
 * `BadRequest` → 400 (e.g. "metadata.managedFields must be nil"); `InternalError` → 500, which is
 * what kube-apiserver answers when the applied object does not fit its schema (duplicate or missing
 * list-map keys), wrapped as "failed to create typed patch object (<ns>/<name>; <gvk>): <message>".
 */
export type SsaErrorReason = 'BadRequest' | 'InternalError';

/** An apply that cannot be carried out for a reason other than field conflicts. */
export class SsaError extends Error {
  readonly reason: SsaErrorReason;

  constructor(reason: SsaErrorReason, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'SsaError';
    this.reason = reason;
  }
}
