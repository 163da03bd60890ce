// YAML embedded in ConfigMap values, parsed with positions so that every problem can name its line, and a
// cursor for checking the parsed shape field by field.

import { LineCounter, isNode, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { joinPath } from '../util/field-path.js';

/** Parse result: the plain value plus line lookup, or a message naming the line of the syntax error. */
export type YamlParseResult = { ok: true; yaml: YamlText } | { ok: false; message: string };

/** A parsed YAML value that remembers where each node came from. */
export class YamlText {
  private constructor(
    readonly value: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Parses `text` (one document, unique keys); never throws. */
  static parse(text: string): YamlParseResult {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const error = doc.errors[0];
    if (error !== undefined) {
      const { line, col } = lines.linePos(error.pos[0]);
      return { ok: false, message: `invalid YAML at line ${line}, column ${col}: ${error.message}` };
    }
    return { ok: true, yaml: new YamlText(doc.toJS({ maxAliasCount: 100 }), doc, lines) };
  }

  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: readonly (string | number)[]): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }

  /** A cursor at the document root reporting problems to `report`. */
  cursor(report: (message: string) => void): YamlCursor {
    return new YamlCursor(this, [], this.value, report);
  }
}

/**
 * Typed, recording access to part of a YAML value. Getters return `undefined` and record
 * `line N: <path>: <problem>` when the shape is wrong, so one pass finds every problem.
 */
export class YamlCursor {
  constructor(
    private readonly text: YamlText,
    readonly path: readonly (string | number)[],
    readonly value: unknown,
    private readonly report: (message: string) => void,
  ) {}

  /** Records a problem at this node. */
  problem(message: string): void {
    const where = this.path.length === 0 ? '' : `${joinPath(this.path)}: `;
    this.report(`line ${this.text.lineOf(this.path)}: ${where}${message}`);
  }

  get missing(): boolean {
    return this.value === undefined || this.value === null;
  }

  /** Cursor at a child key or index. */
  at(key: string | number): YamlCursor {
    const child = this.isMap() ? (this.value as Record<string, unknown>)[String(key)] : Array.isArray(this.value) ? this.value[Number(key)] : undefined;
    return new YamlCursor(this.text, [...this.path, key], child, this.report);
  }

  isMap(): boolean {
    return typeof this.value === 'object' && this.value !== null && !Array.isArray(this.value);
  }

  /** The keys of a map; records `must be a map` otherwise. */
  keys(): string[] {
    if (this.missing) return [];
    if (!this.isMap()) {
      this.problem('must be a map');
      return [];
    }
    return Object.keys(this.value as Record<string, unknown>);
  }

  /** Cursors over a list's items; records `must be a list` otherwise. */
  items(): YamlCursor[] {
    if (this.missing) return [];
    if (!Array.isArray(this.value)) {
      this.problem('must be a list');
      return [];
    }
    return this.value.map((_, index) => this.at(index));
  }

  string(options: { required?: boolean } = {}): string | undefined {
    if (this.missing) {
      if (options.required) this.problem('required');
      return undefined;
    }
    if (typeof this.value !== 'string') {
      this.problem('must be a string');
      return undefined;
    }
    return this.value;
  }

  boolean(): boolean | undefined {
    if (this.missing) return undefined;
    if (typeof this.value !== 'boolean') {
      this.problem('must be true or false');
      return undefined;
    }
    return this.value;
  }

  stringList(): string[] | undefined {
    if (this.missing) return undefined;
    if (!Array.isArray(this.value) || this.value.some((item) => typeof item !== 'string')) {
      this.problem('must be a list of strings');
      return undefined;
    }
    return this.value as string[];
  }

  /** A map of scalar values, each converted to its string form (YAML `port: 587` gives `"587"`). */
  stringMap(): Record<string, string> | undefined {
    if (this.missing) return undefined;
    const entries = this.isMap() ? Object.entries(this.value as Record<string, unknown>) : undefined;
    if (entries === undefined || entries.some(([, v]) => typeof v === 'object' && v !== null)) {
      this.problem('must be a map of strings');
      return undefined;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
  }

  /** The raw map (for free-form parts such as service options); records `must be a map` otherwise. */
  map(): Record<string, unknown> | undefined {
    if (this.missing) return undefined;
    if (!this.isMap()) {
      this.problem('must be a map');
      return undefined;
    }
    return this.value as Record<string, unknown>;
  }
}
