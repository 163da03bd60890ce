// Decodes kubectl's application/vnd.kubernetes.protobuf request bodies into JSON objects.
import { unsupportedMediaType } from '../errors/statuses.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { MESSAGES } from './schemas.js';
import type { FieldSpec, FieldType, MessageSpec } from './schemas.js';
import { readFields, signed } from './wire-reader.js';
import type { WireField } from './wire-reader.js';

/** The media type of Kubernetes protobuf. */
export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"
const TEXT = new TextDecoder('utf-8', { fatal: false });
const EMPTY = new Uint8Array();

/** The payload of a length-delimited field, or empty for any other wire type. */
function bytesOf(field: WireField | undefined): Uint8Array {
  return field !== undefined && field.wireType === 2 ? field.value : EMPTY;
}

function scalar(type: Exclude<FieldType, { message: string }>, field: WireField): JsonValue {
  if (type === 'string') return field.wireType === 2 ? TEXT.decode(field.value) : '';
  if (type === 'bytes') return field.wireType === 2 ? Buffer.from(field.value).toString('base64') : '';
  if (type === 'bool') return field.wireType === 0 && field.value !== 0n;
  return field.wireType === 0 ? signed(field.value) : 0;
}

function time(obj: JsonObject): JsonValue {
  const seconds = typeof obj['seconds'] === 'number' ? obj['seconds'] : 0;
  return seconds === 0 ? null : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function value(spec: FieldSpec, field: WireField): JsonValue {
  if (typeof spec.type === 'string') return scalar(spec.type, field);
  if (field.wireType !== 2) return null;
  const decoded = message(spec.type.message, bytesOf(field));
  return spec.type.message === 'Time' ? time(decoded) : decoded;
}

/** Go's omitempty: zero scalars are dropped, as the JSON encoding of the same struct would. */
function isZero(v: JsonValue): boolean {
  return v === '' || v === 0 || v === false || v === null;
}

function message(name: string, bytes: Uint8Array): JsonObject {
  const spec: MessageSpec | undefined = MESSAGES[name];
  if (spec === undefined) throw new Error(`no protobuf schema for ${name}`);
  const out: JsonObject = {};
  for (const field of readFields(bytes)) {
    const f = spec[field.number];
    if (f === undefined) throw new Error(`unknown field ${field.number} in ${name}`);
    if (f.map === true) {
      const entry = readFields(bytesOf(field));
      const key = entry.find((e) => e.number === 1);
      const val = entry.find((e) => e.number === 2);
      const map = (out[f.name] ??= {}) as JsonObject;
      map[key === undefined ? '' : String(scalar('string', key))] = val === undefined ? '' : value({ name: 'value', type: f.type }, val);
    } else if (f.repeated === true) {
      ((out[f.name] ??= []) as JsonValue[]).push(value(f, field));
    } else {
      const v = value(f, field);
      if (!isZero(v)) out[f.name] = v;
    }
  }
  return out;
}

/**
 * Decodes a protobuf body ("k8s\0" + runtime.Unknown{typeMeta, raw}) into a JSON object. Only
 * the kinds in schemas.ts are known; anything else is a 415 telling the client to send JSON (D2).
 */
export function decodeProtobufObject(body: Uint8Array): JsonObject {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw unsupportedMediaType('the protobuf body does not start with the Kubernetes magic number');
  try {
    const envelope = readFields(body.subarray(4));
    const typeMeta = readFields(bytesOf(envelope.find((f) => f.number === 1)));
    const apiVersion = TEXT.decode(bytesOf(typeMeta.find((f) => f.number === 1)));
    const kind = TEXT.decode(bytesOf(typeMeta.find((f) => f.number === 2)));
    const raw = bytesOf(envelope.find((f) => f.number === 2));
    if (MESSAGES[`${apiVersion}/${kind}`] === undefined) {
      throw unsupportedMediaType(`the dev cluster decodes protobuf only for v1 Namespace, ConfigMap, Secret and ServiceAccount, not ${apiVersion} ${kind} (D2); send application/json (e.g. kubectl create -f)`);
    }
    return { apiVersion, kind, ...message(`${apiVersion}/${kind}`, raw) };
  } catch (err) {
    if (err instanceof Error && err.name === 'ApiError') throw err;
    throw unsupportedMediaType(`the protobuf body could not be decoded (${err instanceof Error ? err.message : String(err)}); send application/json (D2)`);
  }
}
