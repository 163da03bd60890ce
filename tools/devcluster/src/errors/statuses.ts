// Builders for the Status errors kube-apiserver returns, with its exact wording (research §1.5).
import { ApiError } from './api-error.js';
import type { StatusCause } from './api-error.js';

/** Names the resource an error is about: plural resource and group, as in Status.details. */
export interface ErrorSubject {
  readonly group: string;
  readonly resource: string;
}

function qualified(subject: ErrorSubject): string {
  return subject.group === '' ? subject.resource : `${subject.resource}.${subject.group}`;
}

/** 404 `configmaps "x" not found`. */
export function notFound(subject: ErrorSubject, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(subject)} "${name}" not found`, { name, group: subject.group, kind: subject.resource });
}

/** 409 `configmaps "x" already exists`. */
export function alreadyExists(subject: ErrorSubject, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualified(subject)} "${name}" already exists`, { name, group: subject.group, kind: subject.resource });
}

/** 409 optimistic-concurrency conflict with the upstream message. */
export function conflict(subject: ErrorSubject, name: string, detail = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(subject)} "${name}": ${detail}`, { name, group: subject.group, kind: subject.resource });
}

/** A field error in upstream's `field: Invalid value: "v": detail` shape. */
export interface FieldError {
  readonly type: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueTooLong';
  readonly field: string;
  /** The rendered bad value, omitted for Required/Forbidden. */
  readonly value?: string;
  readonly detail: string;
}

const TYPE_TEXT: Record<FieldError['type'], string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueForbidden: 'Forbidden',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueTooLong: 'Too long',
};

/** Renders a value the way Go's field errors do: strings quoted, numbers bare. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function causeMessage(err: FieldError): string {
  const head = TYPE_TEXT[err.type];
  if (err.value === undefined) return err.detail === '' ? head : `${head}: ${err.detail}`;
  return err.detail === '' ? `${head}: ${err.value}` : `${head}: ${err.value}: ${err.detail}`;
}

/**
 * 422 Invalid: `ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: ...`; several
 * errors are bracketed as upstream's aggregate does. `kind` is qualified with the group (Deployment.apps).
 */
export function invalid(group: string, kind: string, name: string, errors: readonly FieldError[]): ApiError {
  const qualifiedKind = group === '' ? kind : `${kind}.${group}`;
  const parts = errors.map((e) => `${e.field}: ${causeMessage(e)}`);
  const joined = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  const causes: StatusCause[] = errors.map((e) => ({ reason: e.type, message: causeMessage(e), field: e.field }));
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, { name, group, kind, causes });
}

/** 400 BadRequest with a free message. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** 403 Forbidden `namespaces "default" is forbidden: detail`. */
export function forbidden(subject: ErrorSubject, name: string, detail: string, causes?: StatusCause[]): ApiError {
  return new ApiError(403, 'Forbidden', `${qualified(subject)} "${name}" is forbidden: ${detail}`, {
    name,
    group: subject.group,
    kind: subject.resource,
    ...(causes === undefined ? {} : { causes }),
  });
}

/** 405 MethodNotAllowed for a verb a resource does not serve. */
export function methodNotAllowed(message: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', message);
}

/** 410 Expired (watch resourceVersion compacted, continue token too old). */
export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

/** 415 UnsupportedMediaType. */
export function unsupportedMediaType(message: string): ApiError {
  return new ApiError(415, 'UnsupportedMediaType', message);
}

/** 406 NotAcceptable. */
export function notAcceptable(message: string): ApiError {
  return new ApiError(406, 'NotAcceptable', message);
}

/** 500 InternalError; `reason` '' reproduces upstream's plain storage errors. */
export function internalError(message: string, reason: '' | 'InternalError' = 'InternalError'): ApiError {
  return new ApiError(500, reason, message);
}

/** 501 NotImplemented-style failure for features the dev cluster does not have (see docs/devcluster.md). */
export function notImplemented(message: string): ApiError {
  return new ApiError(501, 'NotImplemented', message);
}
