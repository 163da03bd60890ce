// Reads a request body and decodes it as JSON (or YAML, which real servers also accept).
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../errors/api-error.js';
import { badRequest, unsupportedMediaType } from '../errors/statuses.js';
import type { JsonValue } from '../model/json.js';
import { decodeProtobufObject, PROTOBUF_TYPE } from '../protobuf/decode-protobuf.js';

const MAX_BODY = 3 * 1024 * 1024;

/** Reads the whole body (413 beyond 3 MiB, upstream's limit). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY) throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const YAML_TYPES = new Set(['application/yaml', 'application/apply-patch+yaml']);

/**
 * Decodes `body` according to `contentType`; `allowed` lists the media types the endpoint takes
 * (415 otherwise). An empty body decodes to undefined.
 */
export function decodeBody(body: Buffer, contentType: string | undefined, allowed: readonly string[]): JsonValue | undefined {
  const type = mediaType(contentType) || 'application/json';
  if (body.length > 0 && type === PROTOBUF_TYPE && allowed.includes(type)) return decodeProtobufObject(body);
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  if (!allowed.includes(type)) {
    throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${allowed.join(', ')}`);
  }
  try {
    return (YAML_TYPES.has(type) ? parseYaml(text) : JSON.parse(text)) as JsonValue;
  } catch (err) {
    throw badRequest(`the request body could not be decoded: ${err instanceof Error ? err.message : String(err)}`);
  }
}
