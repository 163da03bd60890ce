// Turns YAML or JSON text into Kubernetes objects safely: size cap before parsing, alias limits, and
// errors that name the file, line and document.
import { InvalidInputError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import type { ResolvedLimits } from './render-types.js';

/** Where a rendered object came from. */
export interface ManifestOrigin {
  /** A file relative to the repository root, or a tool's output (`helm template output`). */
  file: string;
  /** 1-based index of the YAML document in the file. */
  document: number;
  /** 1-based index in a `List` document's `items`, when the object came from one. */
  item?: number;
  /** The template a helm document came from (its `# Source:` comment). */
  template?: string;
}

/** An object with its origin. */
export interface ParsedObject {
  object: UnstructuredObject;
  origin: ManifestOrigin;
}

/** How to read one text. */
export interface ParseOptions {
  /** Names the text in messages and origins. */
  file: string;
  format: 'yaml' | 'json';
  limits: ResolvedLimits;
  /**
   * Argo's rule for plain directories: a YAML file that fails to parse as manifests and does not look like
   * one (lacks any of `apiVersion:`, `kind:`, `metadata:`) is an unrelated file and yields nothing.
   * @defaultValue false
   */
  skipNonManifests?: boolean;
}

/** Formats an origin for messages: `apps/web.yaml document 2 (List item 1)`. */
export function describeOrigin(origin: ManifestOrigin): string {
  const template = origin.template === undefined ? '' : ` (${origin.template})`;
  const item = origin.item === undefined ? '' : ` item ${origin.item}`;
  return `${origin.file}${template} document ${origin.document}${item}`;
}

function invalid(message: string, file: string, cause?: unknown): InvalidInputError {
  return new InvalidInputError(message, { problems: [{ path: file, message }], context: { file }, cause });
}

/**
 * Parses `text` into objects in document order. Empty documents are skipped and `List` kinds flattened.
 * Throws InvalidInputError when the text exceeds `limits.maxFileBytes` (checked before parsing), is
 * malformed (file and line named, no content echoed), uses more aliases than `limits.maxAliasCount`, or
 * holds a document that is not an object with apiVersion, kind and metadata.name (or generateName).
 */
export function parseManifests(text: string, options: ParseOptions): ParsedObject[] {
  checkSize(Buffer.byteLength(text, 'utf8'), options.file, options.limits);
  try {
    return options.format === 'json' ? parseJson(text, options) : parseYaml(text, options);
  } catch (error) {
    if (options.skipNonManifests === true && !looksLikeManifest(text)) return [];
    throw error;
  }
}

/** Throws InvalidInputError when `bytes` exceeds the file size limit. */
export function checkSize(bytes: number, file: string, limits: ResolvedLimits): void {
  if (bytes > limits.maxFileBytes) throw invalid(`${file} is ${bytes} bytes, larger than the ${limits.maxFileBytes} bytes allowed`, file);
}

function looksLikeManifest(text: string): boolean {
  return text.includes('apiVersion:') && text.includes('kind:') && text.includes('metadata:');
}

function parseJson(text: string, options: ParseOptions): ParsedObject[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const line = jsonErrorLine(text, error);
    throw invalid(`${options.file}${line === undefined ? '' : `:${line}`}: malformed JSON`, options.file, error);
  }
  return toObjects(value, { file: options.file, document: 1 });
}

// JSON.parse messages quote the input and only sometimes give a position; JSON is YAML, so yaml's parser
// locates the line instead when it finds the error too.
function jsonErrorLine(text: string, error: unknown): number | undefined {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (position?.[1] !== undefined) return text.slice(0, Number(position[1])).split('\n').length;
  const lineCounter = new LineCounter();
  const [yamlError] = parseDocument(text, { lineCounter, prettyErrors: false }).errors;
  return yamlError === undefined ? undefined : lineCounter.linePos(yamlError.pos[0]).line;
}

function parseYaml(text: string, options: ParseOptions): ParsedObject[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  if (!Array.isArray(documents)) return [];
  const parsed: ParsedObject[] = [];
  documents.forEach((document, index) => {
    const origin: ManifestOrigin = { file: options.file, document: index + 1, ...templateOf(document.commentBefore ?? document.contents?.commentBefore) };
    const [error] = document.errors;
    if (error !== undefined) {
      const line = lineCounter.linePos(error.pos[0]).line;
      throw invalid(`${options.file}:${line}: malformed YAML (${error.code}) in document ${index + 1}`, options.file, error);
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: options.limits.maxAliasCount });
    } catch (cause) {
      throw invalid(`${describeOrigin(origin)}: too many YAML alias references (more than ${options.limits.maxAliasCount})`, options.file, cause);
    }
    parsed.push(...toObjects(value, origin));
  });
  return parsed;
}

function templateOf(comment: string | null | undefined): { template?: string } {
  const match = /^\s*Source: (.+)$/m.exec(comment ?? '');
  return match?.[1] === undefined ? {} : { template: match[1].trim() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toObjects(value: unknown, origin: ManifestOrigin): ParsedObject[] {
  if (value === null || value === undefined) return [];
  const object = checkObject(value, origin);
  const items = object['items'];
  if (object.kind.endsWith('List') && Array.isArray(items)) {
    return items.map((item, index) => {
      const itemOrigin = { ...origin, item: index + 1 };
      return { object: checkNamed(checkObject(item, itemOrigin), itemOrigin), origin: itemOrigin };
    });
  }
  return [{ object: checkNamed(object, origin), origin }];
}

function checkObject(value: unknown, origin: ManifestOrigin): UnstructuredObject {
  const where = describeOrigin(origin);
  if (!isRecord(value)) throw invalid(`${where}: not a Kubernetes object`, origin.file);
  for (const field of ['apiVersion', 'kind'] as const) {
    const fieldValue = value[field];
    if (typeof fieldValue !== 'string' || fieldValue === '') throw invalid(`${where}: missing ${field}`, origin.file);
  }
  return value as UnstructuredObject;
}

function checkNamed(object: UnstructuredObject, origin: ManifestOrigin): UnstructuredObject {
  const metadata: unknown = object['metadata'];
  const named = isRecord(metadata) && [metadata['name'], metadata['generateName']].some((v) => typeof v === 'string' && v !== '');
  if (!named) throw invalid(`${describeOrigin(origin)}: ${object.kind} is missing metadata.name`, origin.file);
  return object;
}
