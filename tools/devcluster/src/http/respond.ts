// Writing responses: JSON bodies, Status errors and Warning headers.
import type { ServerResponse } from 'node:http';
import { ApiError } from '../errors/api-error.js';
import type { JsonObject } from '../model/json.js';

/** Formats warnings as RFC 7234 Warning headers with code 299, as kube-apiserver does. */
export function warningHeaders(warnings: readonly string[]): string[] {
  return warnings.map((w) => `299 - ${JSON.stringify(w)}`);
}

/** Sends a JSON body with status `code`. */
export function sendJson(res: ServerResponse, code: number, body: JsonObject, options: { contentType?: string; warnings?: readonly string[]; headers?: Record<string, string> } = {}): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | string[]> = { 'Content-Type': options.contentType ?? 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...options.headers };
  if (options.warnings !== undefined && options.warnings.length > 0) headers['Warning'] = warningHeaders(options.warnings);
  res.writeHead(code, headers);
  res.end(text);
}

/** Sends an error as a Status object (non-ApiErrors become 500 InternalError). */
export function sendError(res: ServerResponse, err: unknown, warnings: readonly string[] = []): void {
  const apiError = err instanceof ApiError ? err : new ApiError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`);
  const headers: Record<string, string> = {};
  if (apiError.details?.retryAfterSeconds !== undefined) headers['Retry-After'] = String(apiError.details.retryAfterSeconds);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, apiError.code, apiError.toStatus(), { warnings, headers });
}
