// policy.csv reading: the shapes Argo CD accepts, and malformed lines named by number.
import { describe, it, expect } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { parsePolicyCsv } from './parse-policy-csv.js';
import { splitCsvLine } from './split-csv-line.js';

describe('splitCsvLine', () => {
  const cases: readonly [line: string, expected: readonly string[] | string][] = [
    ['p, role:dev, applications, get, proj/*, allow', ['p', 'role:dev', 'applications', 'get', 'proj/*', 'allow']],
    ['p,role:dev,applications', ['p', 'role:dev', 'applications']],
    ['g ,  alice  ,role:dev', ['g', 'alice', 'role:dev']],
    ['g, "my-org:team, ops", role:dev', ['g', 'my-org:team, ops', 'role:dev']],
    ['g, "say ""hi""" , role:x', ['g', 'say "hi"', 'role:x']],
    ['g, a,', ['g', 'a', '']],
    ['g, bad"quote, role:x', 'bare " in unquoted field 2'],
    ['g, "open, role:x', 'unterminated quoted field'],
    ['g, "a"b, role:x', 'extraneous text after the closing quote of field 2'],
  ];

  it.each(cases)('%j', (line, expected) => {
    const result = splitCsvLine(line);
    if (typeof expected === 'string') expect(result).toEqual({ ok: false, message: expected });
    else expect(result).toEqual({ ok: true, fields: expected });
  });
});

describe('parsePolicyCsv', () => {
  it('reads p and g rules, skipping blank lines and comments', () => {
    const text = [
      '# developers',
      '',
      '   p, role:dev, applications, get, proj/*, allow  ',
      'p, role:dev, applications, sync, proj/locked, deny',
      '\t# indented comment',
      'g, alice, role:dev\r',
      'g, "my-org:platform, infra", role:admin',
    ].join('\n');

    expect(parsePolicyCsv(text)).toEqual({
      policies: [
        { line: 3, subject: 'role:dev', resource: 'applications', action: 'get', object: 'proj/*', effect: 'allow' },
        { line: 4, subject: 'role:dev', resource: 'applications', action: 'sync', object: 'proj/locked', effect: 'deny' },
      ],
      groupings: [
        { line: 6, subject: 'alice', role: 'role:dev' },
        { line: 7, subject: 'my-org:platform, infra', role: 'role:admin' },
      ],
    });
  });

  it('accepts empty text', () => {
    expect(parsePolicyCsv('')).toEqual({ policies: [], groupings: [] });
  });

  const malformed: readonly [line: string, message: string][] = [
    ['p, role:dev, applications, get, proj/*', 'expected "p, subject, resource, action, object, effect" (5 values after p), got 4'],
    ['p, role:dev, applications, get, proj/*, allow, extra', 'expected "p, subject, resource, action, object, effect" (5 values after p), got 6'],
    ['p, role:dev, applications, get, proj/*, Allow', 'effect must be "allow" or "deny", got "Allow"'],
    ['p, role:dev, , get, proj/*, allow', 'value 2 after p is empty'],
    ['g, alice', 'expected "g, subject, role" (2 values after g), got 1'],
    ['g, alice, role:dev, extra', 'expected "g, subject, role" (2 values after g), got 3'],
    ['g, , role:dev', 'value 1 after g is empty'],
    ['x, alice, role:dev', 'a rule starts with "p" or "g", got "x"'],
    ['alice', 'a rule starts with "p" or "g", got "alice"'],
    ['g, "alice, role:dev', 'unterminated quoted field'],
  ];

  it.each(malformed)('rejects %j naming its line', (line, message) => {
    const text = `g, bob, role:dev\n\n${line}`;
    let caught: unknown;
    try {
      parsePolicyCsv(text, { source: 'argocd-rbac-cm/policy.csv' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    const error = caught as InvalidInputError;
    expect(error.problems).toEqual([{ path: 'argocd-rbac-cm/policy.csv:3', message }]);
    expect(error.message).toBe(`invalid RBAC policy in argocd-rbac-cm/policy.csv: line 3: ${message}`);
  });

  it('names every malformed line at once', () => {
    const attempt = (): unknown => parsePolicyCsv('g, a\np, x\ng, ok, role:ok');
    expect(attempt).toThrow(/line 1: .*; line 2: /);
  });
});
