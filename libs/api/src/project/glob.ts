// The two glob dialects Argo CD uses for AppProject rules: gobwas/glob (repositories, destinations, source
// namespaces) and Go's filepath.Match (resource group/kind lists). Matched without backtracking.
//
// libs/rbac has its own gobwas matcher (libs/rbac/src/glob), but libs/api sits below libs/rbac and may not
// import it, hence this small one.

/**
 * `gobwas`: `*` any run of non-separators, `**` any run, `?` one non-separator, `[abc]`/`[!abc]` lists,
 * `[a-z]`/`[!a-z]` one range, `{a,b}` alternatives, `\` escapes.
 * `filepath`: `*` any run of non-`/`, `?` one non-`/`, `[a-z0-9]`/`[^a-z]` classes, `\` escapes; braces are
 * plain characters.
 */
export type GlobDialect = 'gobwas' | 'filepath';

export interface GlobOptions {
  /** Default `gobwas`. */
  dialect?: GlobDialect;
  /** Characters `*` and `?` do not cross in the gobwas dialect (Argo passes `/` for repository URLs). */
  separators?: string;
}

type CharRange = readonly [low: string, high: string];

type GlobNode =
  | { type: 'literal'; char: string }
  | { type: 'any'; crossesSeparators: boolean }
  | { type: 'single' }
  | { type: 'class'; negated: boolean; ranges: readonly CharRange[] }
  | { type: 'alternatives'; options: readonly GlobNode[][] };

class GlobSyntaxError extends Error {}

/**
 * Whether the whole of `value` matches `pattern`. A malformed pattern (`[abc`, `{a,b`, a trailing `\`)
 * matches nothing, as in Argo, which logs the compile error and answers false.
 * Examples: (`https://github.com/org/*`, `https://github.com/org/repo`, separators `/`) → true;
 * the same pattern against `https://github.com/org/group/repo` → false; with `**` → true.
 */
export function globMatch(pattern: string, value: string, options: GlobOptions = {}): boolean {
  const dialect = options.dialect ?? 'gobwas';
  // Go's filepath.Match always treats `/` as the separator (on the Unix builds Argo ships).
  const separators = dialect === 'filepath' ? '/' : (options.separators ?? '');
  let nodes: GlobNode[];
  try {
    nodes = dialect === 'filepath' ? parseFilepath(pattern) : parseGobwas(pattern);
  } catch (error) {
    if (error instanceof GlobSyntaxError) return false;
    throw error;
  }
  const chars = Array.from(value);
  const starts = new Array<boolean>(chars.length + 1).fill(false);
  starts[0] = true;
  return advance(nodes, chars, starts, separators)[chars.length] === true;
}

// Runs the pattern over the value as a set of reachable positions: O(pattern × value), no backtracking,
// so a hostile project pattern such as `*a*a*a*a*b` cannot stall the controller.
function advance(nodes: readonly GlobNode[], chars: readonly string[], starts: boolean[], separators: string): boolean[] {
  let current = starts;
  for (const node of nodes) {
    const next = new Array<boolean>(chars.length + 1).fill(false);
    let reachable = false;
    if (node.type === 'any') {
      let active = false;
      for (let q = 0; q <= chars.length; q += 1) {
        const previous = chars[q - 1];
        active = current[q] === true || (active && previous !== undefined && (node.crossesSeparators || !separators.includes(previous)));
        next[q] = active;
        reachable ||= active;
      }
    } else if (node.type === 'alternatives') {
      for (const option of node.options) {
        const ends = advance(option, chars, current, separators);
        ends.forEach((end, q) => {
          if (end) next[q] = true;
        });
      }
      reachable = next.includes(true);
    } else {
      for (let p = 0; p < chars.length; p += 1) {
        if (current[p] === true && matchesOne(node, chars[p] as string, separators)) {
          next[p + 1] = true;
          reachable = true;
        }
      }
    }
    if (!reachable) return next;
    current = next;
  }
  return current;
}

function matchesOne(node: Exclude<GlobNode, { type: 'any' | 'alternatives' }>, char: string, separators: string): boolean {
  switch (node.type) {
    case 'literal':
      return node.char === char;
    case 'single':
      return !separators.includes(char);
    case 'class': {
      const inRanges = node.ranges.some(([low, high]) => low <= char && char <= high);
      return inRanges !== node.negated;
    }
  }
}

// gobwas/glob syntax. Outside braces `,` and `}` are plain text; `]` is always plain text outside a class.
function parseGobwas(pattern: string): GlobNode[] {
  const chars = Array.from(pattern);
  let i = 0;

  const sequence = (inBraces: boolean): GlobNode[] => {
    const nodes: GlobNode[] = [];
    while (i < chars.length) {
      const char = chars[i] as string;
      if (inBraces && (char === ',' || char === '}')) return nodes;
      i += 1;
      if (char === '\\') {
        const escaped = chars[i];
        if (escaped === undefined) throw new GlobSyntaxError('trailing escape');
        i += 1;
        nodes.push({ type: 'literal', char: escaped });
      } else if (char === '*') {
        let stars = 1;
        while (chars[i] === '*') {
          stars += 1;
          i += 1;
        }
        nodes.push({ type: 'any', crossesSeparators: stars > 1 });
      } else if (char === '?') {
        nodes.push({ type: 'single' });
      } else if (char === '[') {
        nodes.push(gobwasClass());
      } else if (char === '{') {
        const options: GlobNode[][] = [];
        for (;;) {
          options.push(sequence(true));
          const terminator = chars[i];
          if (terminator === undefined) throw new GlobSyntaxError('unclosed {');
          i += 1;
          if (terminator === '}') break;
        }
        nodes.push({ type: 'alternatives', options });
      } else {
        nodes.push({ type: 'literal', char });
      }
    }
    return nodes;
  };

  // gobwas accepts either exactly one range `[a-z]` or a list of characters `[abc]`, each optionally `!`-negated.
  const gobwasClass = (): GlobNode => {
    let negated = false;
    if (chars[i] === '!') {
      negated = true;
      i += 1;
    }
    const first = chars[i];
    if (first === undefined) throw new GlobSyntaxError('unclosed [');
    if (chars[i + 1] === '-' && first !== ']') {
      const high = chars[i + 2];
      if (high === undefined || chars[i + 3] !== ']') throw new GlobSyntaxError('malformed range');
      i += 4;
      return { type: 'class', negated, ranges: [[first, high]] };
    }
    const ranges: CharRange[] = [];
    for (;;) {
      const char = chars[i];
      if (char === undefined) throw new GlobSyntaxError('unclosed [');
      i += 1;
      if (char === ']') return { type: 'class', negated, ranges };
      if (char === '\\') {
        const escaped = chars[i];
        if (escaped === undefined) throw new GlobSyntaxError('trailing escape');
        i += 1;
        ranges.push([escaped, escaped]);
      } else {
        ranges.push([char, char]);
      }
    }
  };

  return sequence(false);
}

// Go's filepath.Match syntax: classes are `[` [`^`] ranges `]`, non-empty, `-` and `]` must be escaped.
function parseFilepath(pattern: string): GlobNode[] {
  const chars = Array.from(pattern);
  const nodes: GlobNode[] = [];
  let i = 0;

  const classChar = (): string => {
    const char = chars[i];
    if (char === undefined || char === '-' || char === ']') throw new GlobSyntaxError('malformed class');
    i += 1;
    if (char !== '\\') return char;
    const escaped = chars[i];
    if (escaped === undefined) throw new GlobSyntaxError('trailing escape');
    i += 1;
    return escaped;
  };

  while (i < chars.length) {
    const char = chars[i] as string;
    i += 1;
    if (char === '\\') {
      const escaped = chars[i];
      if (escaped === undefined) throw new GlobSyntaxError('trailing escape');
      i += 1;
      nodes.push({ type: 'literal', char: escaped });
    } else if (char === '*') {
      nodes.push({ type: 'any', crossesSeparators: false });
    } else if (char === '?') {
      nodes.push({ type: 'single' });
    } else if (char === '[') {
      let negated = false;
      if (chars[i] === '^') {
        negated = true;
        i += 1;
      }
      const ranges: CharRange[] = [];
      for (;;) {
        if (chars[i] === ']' && ranges.length > 0) {
          i += 1;
          break;
        }
        const low = classChar();
        let high = low;
        if (chars[i] === '-') {
          i += 1;
          high = classChar();
        }
        ranges.push([low, high]);
      }
      nodes.push({ type: 'class', negated, ranges });
    } else {
      nodes.push({ type: 'literal', char });
    }
  }
  return nodes;
}
