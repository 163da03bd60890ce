// Parses Argo CD's RBAC glob patterns (gobwas/glob syntax, compiled without separators) into a tree.
// The grammar follows gobwas/glob's lexer so that a pattern Argo rejects is rejected here too.

/** One element of a parsed glob; a pattern is a sequence of these. */
export type GlobNode =
  | { readonly kind: 'literal'; readonly char: string }
  /** `*` or `**`: any sequence of characters, `/` included, since Argo compiles without separators. */
  | { readonly kind: 'any' }
  /** `?`: exactly one character (one Unicode code point). */
  | { readonly kind: 'single' }
  /** `[abc]` / `[!abc]`: one character in (or, negated, not in) the set. */
  | { readonly kind: 'set'; readonly negated: boolean; readonly chars: readonly string[] }
  /** `[a-z]` / `[!a-z]`: one character whose code point lies in (or not in) `lo..hi`, inclusive. */
  | { readonly kind: 'range'; readonly negated: boolean; readonly lo: number; readonly hi: number }
  /** `{a,b*,c}`: any one of the alternatives, each itself a pattern. */
  | { readonly kind: 'alternatives'; readonly options: readonly (readonly GlobNode[])[] };

/** A pattern gobwas/glob (and therefore Argo CD) would refuse to compile; Argo then matches nothing. */
export class GlobSyntaxError extends Error {
  /** Index (in code points) in the pattern where parsing stopped. */
  readonly offset: number;

  constructor(reason: string, offset: number) {
    super(`${reason} at offset ${offset}`);
    this.name = 'GlobSyntaxError';
    this.offset = offset;
  }
}

/**
 * Parses `pattern` into a sequence of nodes, or throws GlobSyntaxError.
 *
 * Syntax (gobwas/glob): `*` and `**` any sequence; `?` one character; `[abc]`, `[!abc]` a set;
 * `[a-z]`, `[!a-z]` one range (a class holds either a set or a single range); `{a,b}` alternatives,
 * nestable; `\c` the character `c`. Outside braces `,` and `}` are plain characters; `]` always is.
 * Example: `proj-{a,b}/*` parses to literal×5, alternatives[[a],[b]], literal `/`, any.
 */
export function parseGlob(pattern: string): readonly GlobNode[] {
  const reader = new PatternReader(pattern);
  const nodes = parseSequence(reader, false);
  // A sequence only stops early on `,`/`}` inside braces, so at top level it always reaches the end.
  return nodes;
}

class PatternReader {
  readonly chars: readonly string[];
  pos = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  peek(): string | undefined {
    return this.chars[this.pos];
  }

  next(): string | undefined {
    const char = this.chars[this.pos];
    if (char !== undefined) this.pos += 1;
    return char;
  }

  fail(reason: string): never {
    throw new GlobSyntaxError(reason, this.pos);
  }
}

function parseSequence(reader: PatternReader, inAlternatives: boolean): GlobNode[] {
  const nodes: GlobNode[] = [];
  for (let char = reader.peek(); char !== undefined; char = reader.peek()) {
    if (inAlternatives && (char === ',' || char === '}')) break;
    reader.next();
    switch (char) {
      case '\\':
        nodes.push({ kind: 'literal', char: reader.next() ?? reader.fail('trailing backslash') });
        break;
      case '*':
        if (reader.peek() === '*') reader.next();
        nodes.push({ kind: 'any' });
        break;
      case '?':
        nodes.push({ kind: 'single' });
        break;
      case '[':
        nodes.push(parseClass(reader));
        break;
      case '{':
        nodes.push(parseAlternatives(reader));
        break;
      default:
        nodes.push({ kind: 'literal', char });
    }
  }
  return nodes;
}

// After `[`. gobwas reads either one `lo-hi` range (raw characters, no escapes) or a run of set
// characters (escapes allowed) and then demands `]`: `[a-cx]` is an error, `[]` is an empty set.
function parseClass(reader: PatternReader): GlobNode {
  let negated = false;
  if (reader.peek() === '!') {
    reader.next();
    negated = true;
  }
  const first = reader.peek() ?? reader.fail('unexpected end of input');
  if (reader.chars[reader.pos + 1] === '-') {
    reader.pos += 2;
    const hi = reader.next() ?? reader.fail('unexpected end of input');
    if (reader.next() !== ']') reader.fail('expected close range character');
    const lo = first.codePointAt(0) ?? 0;
    const hiCode = hi.codePointAt(0) ?? 0;
    if (hiCode < lo) reader.fail('range hi character is less than lo');
    return { kind: 'range', negated, lo, hi: hiCode };
  }
  const chars: string[] = [];
  for (let char = reader.next(); char !== ']'; char = reader.next()) {
    if (char === undefined) reader.fail('unexpected end of input');
    chars.push(char === '\\' ? (reader.next() ?? reader.fail('trailing backslash')) : char);
  }
  return { kind: 'set', negated, chars };
}

// After `{`: alternatives separated by `,` up to the matching `}`.
function parseAlternatives(reader: PatternReader): GlobNode {
  const options: GlobNode[][] = [];
  for (;;) {
    options.push(parseSequence(reader, true));
    const separator = reader.next();
    if (separator === '}') return { kind: 'alternatives', options };
    if (separator === undefined) reader.fail('unclosed {');
  }
}
