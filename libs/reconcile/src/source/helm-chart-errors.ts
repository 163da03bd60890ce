// Turns a failed `helm pull` into the platform's typed errors: helm's message summarised, the repository
// named by its redacted URL or host, and never a password in the text.
import { NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import type { ToolRunResult } from '../render/tool-runner.js';
import { scrub } from './git-errors.js';
import { redactUrl } from './repo-url.js';

/** What was pulled, for the message. */
export interface HelmPullTarget {
  readonly repoURL: string;
  /** Host (and port) of the repository, for "cannot reach" messages. */
  readonly host: string;
  readonly chart: string;
  /** The version or constraint asked for; empty for "the latest". */
  readonly version: string;
  /** Strings that must never appear in a message (the password). */
  readonly secrets: readonly string[];
  /** Deadline helm ran under, for the timeout message. */
  readonly timeoutMs: number;
}

const NOT_FOUND = /chart "[^"]*"(?: version "[^"]*")? not found in /;
const HTTP_STATUS = /failed to fetch \S+ : (\d{3})\b/;
const UNREACHABLE = /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|connection reset|server misbehaving|TLS handshake|x509:|certificate|EOF$/i;

/**
 * Maps helm's result to an error: a chart or version missing from the index → NotFoundError "chart
 * nginx version 9.* not found in <url>"; HTTP 401/403 → PermissionDeniedError "access to <url> was
 * denied: check the repository credentials"; HTTP 404 for the index → NotFoundError "<url> is not a Helm
 * chart repository (index.yaml: HTTP 404)"; a refused connection, unknown host, TLS failure or timeout →
 * UnavailableError naming the host; anything else → UnavailableError with helm's error line.
 */
export function toHelmPullError(result: ToolRunResult, target: HelmPullTarget): Error {
  const shown = redactUrl(target.repoURL);
  const context = { repoURL: shown, chart: target.chart, ...(target.version === '' ? {} : { version: target.version }) };
  if (result.timedOut === true) return new UnavailableError(`cannot reach ${target.host}: helm pull of chart ${target.chart} timed out after ${Math.round(target.timeoutMs / 1000)}s`, { context });
  if (result.outputLimitExceeded === true) return new UnavailableError(`helm pull of chart ${target.chart} from ${shown} wrote too much output`, { context });
  const reason = scrub(errorLine(result.stderr), target.secrets);
  if (NOT_FOUND.test(reason)) {
    const version = target.version === '' ? '' : ` version ${target.version}`;
    return new NotFoundError(`chart ${target.chart}${version} not found in ${shown}`, { context });
  }
  const status = Number(HTTP_STATUS.exec(reason)?.[1] ?? 0);
  if (status === 401 || status === 403) {
    return new PermissionDeniedError(`access to ${shown} was denied: check the repository credentials`, { context: { ...context, status } });
  }
  if (status === 404 && /index\.yaml/.test(reason)) return new NotFoundError(`${shown} is not a Helm chart repository (index.yaml: HTTP 404)`, { context: { ...context, status } });
  if (status !== 0) return new UnavailableError(`${shown} answered HTTP ${status} for chart ${target.chart}`, { context: { ...context, status } });
  if (UNREACHABLE.test(reason)) return new UnavailableError(`cannot reach ${target.host}: ${lastClause(reason)}`, { context });
  return new UnavailableError(`helm pull of chart ${target.chart} from ${shown} failed: ${reason}`, { context });
}

// helm prints warnings (`level=WARN …`) before the one `Error: …` line that says what went wrong.
function errorLine(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const error = lines.find((line) => line.startsWith('Error:')) ?? lines.at(-1) ?? 'no error output';
  return error.replace(/^Error:\s*/, '');
}

// `… cannot be reached: Get "https://h/index.yaml": dial tcp: lookup h: no such host` → `dial tcp: lookup h: no such host`.
function lastClause(reason: string): string {
  const quoted = reason.lastIndexOf('": ');
  return quoted < 0 ? reason : reason.slice(quoted + 3);
}
