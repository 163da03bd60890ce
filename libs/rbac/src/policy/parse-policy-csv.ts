// Reads Argo CD's policy.csv (argocd-rbac-cm `policy.csv`, AppProject role policies) into typed
// rules, rejecting the whole text with every malformed line named, as Argo refuses a bad policy.
import { InvalidInputError } from '@driftless/api';
import { splitCsvLine } from './split-csv-line.js';

/** Whether a matching `p` rule grants or refuses; any `deny` match overrides every `allow`. */
export type PolicyEffect = 'allow' | 'deny';

/** `p, subject, resource, action, object, effect`, e.g. `p, role:dev, applications, get, proj/*, allow`. */
export interface PolicyRule {
  /** 1-based line in the source text, for messages. */
  readonly line: number;
  /** A user, group or role (`role:dev`, `proj:my-proj:ci`); matched exactly (through `g` rules). */
  readonly subject: string;
  /** `applications`, `clusters`, `projects`, … — a glob. */
  readonly resource: string;
  /** `get`, `sync`, `action/*`, … — a glob. */
  readonly action: string;
  /** `<project>/<app>` for applications, else the object name — a glob. */
  readonly object: string;
  readonly effect: PolicyEffect;
}

/** `g, subject, role`: the user or group `subject` holds `role`, e.g. `g, alice, role:dev`. */
export interface GroupingRule {
  readonly line: number;
  readonly subject: string;
  readonly role: string;
}

/** The rules of one policy text, in source order. */
export interface PolicyCsv {
  readonly policies: readonly PolicyRule[];
  readonly groupings: readonly GroupingRule[];
}

/**
 * Parses policy.csv text. Blank lines and lines starting with `#` are skipped; fields are
 * comma-separated, may be double-quoted, and surrounding spaces are ignored. `p` lines need exactly
 * five values after `p` with effect `allow` or `deny`; `g` lines exactly two after `g`; no value may
 * be empty. Throws InvalidInputError whose problems name every bad line (`path`: `<source>:<line>`).
 * Example: "p, role:dev, applications, get, proj/*, allow\ng, alice, role:dev" → one policy, one grouping.
 */
export function parsePolicyCsv(text: string, options: { source?: string } = {}): PolicyCsv {
  const source = options.source ?? 'policy.csv';
  const policies: PolicyRule[] = [];
  const groupings: GroupingRule[] = [];
  const bad: { line: number; message: string }[] = [];

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const parsed = parseLine(trimmed, line);
    if ('problem' in parsed) bad.push({ line, message: parsed.problem });
    else if (parsed.rule.kind === 'p') policies.push(parsed.rule.value);
    else groupings.push(parsed.rule.value);
  });

  if (bad.length > 0) {
    const detail = bad.map((b) => `line ${b.line}: ${b.message}`).join('; ');
    const problems = bad.map((b) => ({ path: `${source}:${b.line}`, message: b.message }));
    throw new InvalidInputError(`invalid RBAC policy in ${source}: ${detail}`, { problems, context: { source } });
  }
  return { policies, groupings };
}

type ParsedLine =
  | { readonly rule: { kind: 'p'; value: PolicyRule } | { kind: 'g'; value: GroupingRule } }
  | { readonly problem: string };

function parseLine(text: string, line: number): ParsedLine {
  const split = splitCsvLine(text);
  if (!split.ok) return { problem: split.message };
  const [key, ...values] = split.fields;
  const empty = values.findIndex((value) => value === '');
  switch (key) {
    case 'p': {
      if (values.length !== 5) return { problem: `expected "p, subject, resource, action, object, effect" (5 values after p), got ${values.length}` };
      if (empty !== -1) return { problem: `value ${empty + 1} after p is empty` };
      const [subject, resource, action, object, effect] = values as [string, string, string, string, string];
      if (effect !== 'allow' && effect !== 'deny') return { problem: `effect must be "allow" or "deny", got ${JSON.stringify(effect)}` };
      return { rule: { kind: 'p', value: { line, subject, resource, action, object, effect } } };
    }
    case 'g': {
      if (values.length !== 2) return { problem: `expected "g, subject, role" (2 values after g), got ${values.length}` };
      if (empty !== -1) return { problem: `value ${empty + 1} after g is empty` };
      const [subject, role] = values as [string, string];
      return { rule: { kind: 'g', value: { line, subject, role } } };
    }
    default:
      return { problem: `a rule starts with "p" or "g", got ${JSON.stringify(key)}` };
  }
}
