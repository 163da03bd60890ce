// The one table from Driftless error codes to transport codes: GraphQL `extensions.code` and CLI exit
// codes. Exit codes are Argo CD's (util/errors), so scripts written for the argocd CLI keep working.
import type { DriftlessError } from '@driftless/api';

/** What `DriftlessError.code` may be. */
export type DriftlessErrorCode = DriftlessError['code'];

/** The `extensions.code` values the gateway sends. */
export type GraphQLErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT' | 'FORBIDDEN' | 'UNAVAILABLE' | 'INTERNAL_SERVER_ERROR';

/** How one error code travels. */
export interface TransportCodes {
  readonly graphql: GraphQLErrorCode;
  /** Argo CD CLI: 11 connection failure, 12 refused by the API, 13 does not exist, 20 anything else. */
  readonly exitCode: number;
  /** Whether the error's own message is fit for the caller; otherwise a generic one is sent. */
  readonly exposeMessage: boolean;
}

/** Every Driftless error code with its GraphQL code and CLI exit code. */
export const ERROR_CODES: Readonly<Record<DriftlessErrorCode, TransportCodes>> = {
  NotFound: { graphql: 'NOT_FOUND', exitCode: 13, exposeMessage: true },
  Conflict: { graphql: 'CONFLICT', exitCode: 20, exposeMessage: true },
  InvalidInput: { graphql: 'BAD_USER_INPUT', exitCode: 20, exposeMessage: true },
  PermissionDenied: { graphql: 'FORBIDDEN', exitCode: 12, exposeMessage: true },
  Unavailable: { graphql: 'UNAVAILABLE', exitCode: 11, exposeMessage: true },
  Internal: { graphql: 'INTERNAL_SERVER_ERROR', exitCode: 20, exposeMessage: false },
};

/** Exit code for a failure without a Driftless code (a bug, a crash): Argo's ErrorGeneric. */
export const GENERIC_EXIT_CODE = 20;

/**
 * The CLI's exit code for a GraphQL error it received, from `extensions.code`; a code this table does
 * not know (or none) gives GENERIC_EXIT_CODE. Example: 'NOT_FOUND' → 13, 'GRAPHQL_PARSE_FAILED' → 20.
 */
export function exitCodeForGraphQLCode(code: string | undefined): number {
  const row = Object.values(ERROR_CODES).find((r) => r.graphql === code);
  return row?.exitCode ?? GENERIC_EXIT_CODE;
}
