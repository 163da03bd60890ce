// Argo CD's RBAC glob matching: `*` matches any sequence including `/` (util/glob compiles gobwas
// globs without separators). Patterns compile to an NFA simulated in O(pattern × value), never backtracking.
import { InvalidInputError } from '@driftless/api';
import { GlobSyntaxError, parseGlob } from './glob-syntax.js';
import type { GlobNode } from './glob-syntax.js';

/** A compiled pattern: answers whether a whole value matches it. */
export type GlobMatcher = (value: string) => boolean;

/** Argo's cache bound (util/glob DefaultGlobCacheSize): policies may come from untrusted project roles. */
const CACHE_LIMIT = 10_000;
const cache = new Map<string, GlobMatcher>();

/**
 * Whether `value` matches `pattern` with Argo CD's RBAC semantics, over the whole value.
 *
 * `*` (and `**`) match any sequence, `/` included; `?` one character; `[a-z]`, `[!abc]` classes;
 * `{a,b}` alternatives; `\` escapes. An invalid pattern matches nothing, as in Argo.
 * Examples (pattern, value → result): (`*`, `proj/app`) → true; (`proj/*`, `proj/app`) → true;
 * (`proj/*`, `other/app`) → false; (`action/*`, `action/apps/Deployment/restart`) → true;
 * (`e[[a*`, `e[[a*`) → false, the pattern is invalid. Star-slash-star also matches `proj/app`.
 */
export function globMatch(pattern: string, value: string): boolean {
  let matcher = cache.get(pattern);
  if (matcher === undefined) {
    try {
      matcher = compileGlob(pattern);
    } catch {
      return false;
    }
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(pattern, matcher);
  }
  return matcher(value);
}

/**
 * Compiles `pattern` once for repeated matching; throws InvalidInputError (problem path `pattern`)
 * naming the syntax error when gobwas/glob would reject the pattern, e.g. `[abc` or `{a,b`.
 */
export function compileGlob(pattern: string): GlobMatcher {
  let nodes: readonly GlobNode[];
  try {
    nodes = parseGlob(pattern);
  } catch (error) {
    if (!(error instanceof GlobSyntaxError)) throw error;
    throw new InvalidInputError(`invalid glob pattern ${JSON.stringify(pattern)}: ${error.message}`, {
      problems: [{ path: 'pattern', message: error.message }],
      context: { pattern },
      cause: error,
    });
  }
  const automaton = new Automaton();
  const start = automaton.sequence(nodes, automaton.accept());
  return (value) => automaton.run(start, value);
}

type State =
  | { kind: 'step'; test: (char: string) => boolean; next: number }
  | { kind: 'split'; next: number[] }
  | { kind: 'accept' };

const anyChar = (): boolean => true;

// Thompson construction: each node becomes states that lead to `next`, built back to front.
class Automaton {
  private readonly states: State[] = [];

  accept(): number {
    return this.add({ kind: 'accept' });
  }

  sequence(nodes: readonly GlobNode[], next: number): number {
    let start = next;
    for (let i = nodes.length - 1; i >= 0; i -= 1) start = this.node(nodes[i] as GlobNode, start);
    return start;
  }

  run(start: number, value: string): boolean {
    let current = this.closure([start]);
    for (const char of value) {
      const stepped: number[] = [];
      for (const index of current) {
        const state = this.states[index] as State;
        if (state.kind === 'step' && state.test(char)) stepped.push(state.next);
      }
      if (stepped.length === 0) return false;
      current = this.closure(stepped);
    }
    return current.some((index) => this.states[index]?.kind === 'accept');
  }

  private node(node: GlobNode, next: number): number {
    switch (node.kind) {
      case 'literal':
        return this.add({ kind: 'step', test: (char) => char === node.char, next });
      case 'single':
        return this.add({ kind: 'step', test: anyChar, next });
      case 'set': {
        const members = new Set(node.chars);
        return this.add({ kind: 'step', test: (char) => members.has(char) !== node.negated, next });
      }
      case 'range':
        return this.add({ kind: 'step', test: (char) => inRange(char, node.lo, node.hi) !== node.negated, next });
      case 'any': {
        // A split that either leaves or eats one character and comes back: a loop.
        const split = this.add({ kind: 'split', next: [] });
        const loop = this.add({ kind: 'step', test: anyChar, next: split });
        (this.states[split] as { next: number[] }).next.push(loop, next);
        return split;
      }
      case 'alternatives':
        return this.add({ kind: 'split', next: node.options.map((option) => this.sequence(option, next)) });
    }
  }

  private add(state: State): number {
    this.states.push(state);
    return this.states.length - 1;
  }

  // Every state reachable from `from` without consuming input; only steps and accept remain.
  private closure(from: readonly number[]): number[] {
    const seen = new Set<number>();
    const result: number[] = [];
    const stack = [...from];
    for (let index = stack.pop(); index !== undefined; index = stack.pop()) {
      if (seen.has(index)) continue;
      seen.add(index);
      const state = this.states[index] as State;
      if (state.kind === 'split') stack.push(...state.next);
      else result.push(index);
    }
    return result;
  }
}

function inRange(char: string, lo: number, hi: number): boolean {
  const code = char.codePointAt(0) ?? -1;
  return code >= lo && code <= hi;
}
