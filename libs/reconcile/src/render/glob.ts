// Glob matching with the semantics Argo CD uses for directory include/exclude (gobwas/glob, no separators).

/**
 * Compiles an Argo directory glob into a RegExp matched against the whole relative path.
 *
 * Syntax (gobwas/glob compiled without separators, as Argo's `glob.Match` does): `*` and `**` match any
 * run of characters including `/`; `?` one character; `[abc]`, `[a-z]` and `[!abc]` a class; `{a,b}`
 * any of the comma-separated alternatives, which may nest and hold globs; `\` escapes the next character.
 * A comma outside braces is literal. Example: `{config.json,env-usw2/*.yaml}` matches `config.json` and
 * `env-usw2/app.yaml`; `*.yaml` matches `a/b.yaml` too.
 */
export function compileGlob(pattern: string): RegExp {
  const state = { pattern, index: 0 };
  const body = parseSequence(state, false);
  return new RegExp(`^${body}$`, 's');
}

/** True when `relativePath` matches the Argo glob `pattern`. */
export function matchGlob(pattern: string, relativePath: string): boolean {
  return compileGlob(pattern).test(relativePath);
}

interface ParseState {
  readonly pattern: string;
  index: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

// Reads until the end, or (inside braces) until an unmatched `,` or `}` which the caller consumes.
function parseSequence(state: ParseState, inBraces: boolean): string {
  let out = '';
  while (state.index < state.pattern.length) {
    const char = state.pattern.charAt(state.index);
    if (inBraces && (char === ',' || char === '}')) return out;
    state.index += 1;
    if (char === '\\' && state.index < state.pattern.length) {
      out += escapeRegExp(state.pattern.charAt(state.index));
      state.index += 1;
    } else if (char === '*') {
      while (state.pattern.charAt(state.index) === '*') state.index += 1;
      out += '.*';
    } else if (char === '?') {
      out += '.';
    } else if (char === '[') {
      out += parseClass(state);
    } else if (char === '{') {
      out += parseAlternatives(state);
    } else {
      out += escapeRegExp(char);
    }
  }
  return out;
}

function parseAlternatives(state: ParseState): string {
  const alternatives: string[] = [];
  for (;;) {
    alternatives.push(parseSequence(state, true));
    const char = state.pattern.charAt(state.index);
    state.index += 1;
    if (char === '}') return `(?:${alternatives.join('|')})`;
    // An unclosed brace matches nothing, as gobwas rejects the pattern.
    if (char !== ',') return '(?!)';
  }
}

function parseClass(state: ParseState): string {
  const close = state.pattern.indexOf(']', state.index + 1);
  if (close < 0) return escapeRegExp('[');
  let inner = state.pattern.slice(state.index, close);
  state.index = close + 1;
  const negated = inner.startsWith('!');
  if (negated) inner = inner.slice(1);
  const body = inner.replace(/[\\\]^[]/g, '\\$&');
  return `[${negated ? '^' : ''}${body}]`;
}
