// Turns ajv's errors into the field problems users read: `spec.destination: required`,
// `spec.sources[0].repoURL: must be of type string`, `spec.foo: unknown field`.

import type { ErrorObject } from 'ajv';
import type { FieldProblem } from '../errors/driftless-error.js';
import { joinPath, pointerToSegments } from '../util/field-path.js';

/**
 * Maps ajv errors (collected with `allErrors`) to problems with dotted paths. Errors inside a failed
 * `anyOf` branch collapse into one problem for the `anyOf` (`must be an integer or a string` for
 * int-or-string fields); duplicates are dropped.
 */
export function problemsFromAjv(errors: readonly ErrorObject[]): FieldProblem[] {
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  // A value of the wrong type also fails its format; the type error says enough.
  const typeErrorPaths = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    if (anyOfPaths.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    if (error.keyword === 'format' && typeErrorPaths.has(error.instancePath)) continue;
    const problem = toProblem(error, errors);
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function toProblem(error: ErrorObject, all: readonly ErrorObject[]): FieldProblem {
  const segments = pointerToSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: joinPath([...segments, String(params['missingProperty'])]), message: 'required' };
    case 'additionalProperties':
      return { path: joinPath([...segments, String(params['additionalProperty'])]), message: 'unknown field' };
    case 'type':
      return { path: pathOrRoot(segments), message: `must be of type ${String(params['type'])}` };
    case 'anyOf': {
      // The branches' type errors say which types would do (int-or-string fields: integer, string).
      const branchTypes = all
        .filter((e) => e.keyword === 'type' && e.schemaPath.startsWith(`${error.schemaPath}/`))
        .map((e) => String((e.params as Record<string, unknown>)['type']));
      const types = branchTypes.map((t) => (t === 'integer' ? 'an integer' : `a ${t}`));
      return { path: pathOrRoot(segments), message: types.length > 0 ? `must be ${types.join(' or ')}` : 'does not match any allowed schema' };
    }
    case 'enum':
      return { path: pathOrRoot(segments), message: `must be one of: ${(params['allowedValues'] as unknown[]).map(String).join(', ')}` };
    case 'format':
      return { path: pathOrRoot(segments), message: `must be a valid ${String(params['format'])}` };
    default:
      return { path: pathOrRoot(segments), message: error.message ?? error.keyword };
  }
}

function pathOrRoot(segments: (string | number)[]): string {
  return segments.length === 0 ? '<root>' : joinPath(segments);
}
