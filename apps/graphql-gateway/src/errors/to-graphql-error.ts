// Turns anything thrown inside a resolver into what the client may see. Only Driftless errors keep
// their message; everything else becomes a generic internal error, so no stack, path or secret leaks.
import { DriftlessError, InvalidInputError } from '@driftless/api';
import { ERROR_CODES, GENERIC_EXIT_CODE } from './error-codes.js';
import type { GraphQLErrorCode } from './error-codes.js';

/** The message sent in place of any error whose own message may not be shown. */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** `extensions` of a GraphQL error sent by the gateway. */
export interface GraphQLErrorExtensions {
  readonly code: GraphQLErrorCode;
  /** For BAD_USER_INPUT: every invalid field, `{ path: 'spec.destination.server', message: 'required' }`. */
  readonly problems?: readonly { readonly path: string; readonly message: string }[];
}

/** Message and extensions of a GraphQL error sent by the gateway. */
export interface SafeGraphQLError {
  readonly message: string;
  readonly extensions: GraphQLErrorExtensions;
}

/**
 * The extensions for `error`: its DriftlessError code mapped through ERROR_CODES, with `problems` for
 * an InvalidInputError that has any; INTERNAL_SERVER_ERROR for anything else, whatever its shape
 * (a plain object with a `code` property is not trusted).
 * Example: new NotFoundError('application guestbook not found') → { code: 'NOT_FOUND' }.
 */
export function toGraphQLErrorExtensions(error: unknown): GraphQLErrorExtensions {
  if (!(error instanceof DriftlessError)) return { code: 'INTERNAL_SERVER_ERROR' };
  const code = ERROR_CODES[error.code].graphql;
  if (error instanceof InvalidInputError && error.problems.length > 0) {
    return { code, problems: error.problems.map(({ path, message }) => ({ path, message })) };
  }
  return { code };
}

/**
 * Message and extensions for `error`. DriftlessErrors other than Internal keep their message (written
 * for people, never carrying secrets); Internal errors and anything not a DriftlessError get
 * INTERNAL_ERROR_MESSAGE, never a word of the original.
 */
export function toGraphQLError(error: unknown): SafeGraphQLError {
  const extensions = toGraphQLErrorExtensions(error);
  const expose = error instanceof DriftlessError && ERROR_CODES[error.code].exposeMessage;
  return { message: expose ? error.message : INTERNAL_ERROR_MESSAGE, extensions };
}

/** The CLI exit code for `error`, from the same table; GENERIC_EXIT_CODE (20) for non-Driftless errors. */
export function exitCodeFor(error: unknown): number {
  return error instanceof DriftlessError ? ERROR_CODES[error.code].exitCode : GENERIC_EXIT_CODE;
}
