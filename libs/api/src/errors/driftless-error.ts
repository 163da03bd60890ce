// The few typed errors every Driftless component raises. Each transport maps `code` in one place:
// GraphQL `extensions.code` (gateway), CLI exit codes, Application conditions (worker).

/** What went wrong, independent of the transport that reports it. */
export type ErrorCode = 'NotFound' | 'Conflict' | 'InvalidInput' | 'PermissionDenied' | 'Unavailable' | 'Internal';

/** Where it went wrong: which app, resource, revision, repo, Secret or field. Never secret values. */
export type ErrorContext = Readonly<Record<string, string | number | boolean | undefined>>;

/** Base class: a message for people, a machine-readable code, context, and the cause if any. */
export class DriftlessError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, options: { context?: ErrorContext; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.context = options.context ?? {};
  }
}

/** The thing asked for does not exist (an app, a revision, a path, a Secret). */
export class NotFoundError extends DriftlessError {
  constructor(message: string, options?: { context?: ErrorContext; cause?: unknown }) {
    super('NotFound', message, options);
  }
}

/** The write lost a race or collides with existing state; retrying after a re-read may succeed. */
export class ConflictError extends DriftlessError {
  constructor(message: string, options?: { context?: ErrorContext; cause?: unknown }) {
    super('Conflict', message, options);
  }
}

/** The input is malformed or violates a rule; `problems` lists every one with its field path. */
export class InvalidInputError extends DriftlessError {
  readonly problems: readonly FieldProblem[];

  constructor(message: string, options: { problems?: readonly FieldProblem[]; context?: ErrorContext; cause?: unknown } = {}) {
    super('InvalidInput', message, options);
    this.problems = options.problems ?? [];
  }
}

/** The caller may not do this (RBAC, AppProject rules, credentials refused). */
export class PermissionDeniedError extends DriftlessError {
  constructor(message: string, options?: { context?: ErrorContext; cause?: unknown }) {
    super('PermissionDenied', message, options);
  }
}

/** A dependency (Git, a cluster, Redis, a binary) cannot be reached or did not answer in time. */
export class UnavailableError extends DriftlessError {
  constructor(message: string, options?: { context?: ErrorContext; cause?: unknown }) {
    super('Unavailable', message, options);
  }
}

/** One validation problem: `path` in dotted form with indexes (`spec.sources[1].repoURL`). */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** Formats problems the way Kubernetes and Argo print them: `spec.destination.server: required`. */
export function formatProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
