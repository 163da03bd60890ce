// Public API of @driftless/graphql-gateway: the error mapping now; the Apollo server later.
export { toGraphQLError, toGraphQLErrorExtensions, exitCodeFor, INTERNAL_ERROR_MESSAGE } from './errors/to-graphql-error.js';
export type { GraphQLErrorExtensions, SafeGraphQLError } from './errors/to-graphql-error.js';
export { ERROR_CODES, GENERIC_EXIT_CODE, exitCodeForGraphQLCode } from './errors/error-codes.js';
export type { DriftlessErrorCode, GraphQLErrorCode, TransportCodes } from './errors/error-codes.js';
