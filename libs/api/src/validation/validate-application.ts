// Validates an Application the way Argo CD judges it before reconciling: the CRD schema plus the rules the
// schema cannot state (exactly one destination cluster, a usable source, durations, sync options, names).

import type { FieldProblem } from '../errors/driftless-error.js';
import { parseSecondsOrDuration } from '../util/duration.js';
import { validateAgainstCrd } from './crd-validator.js';
import type { CrdValidationOptions } from './crd-validator.js';
import { checkNamespaceField, checkObjectMeta } from './object-meta.js';
import { ProblemList, asArray, asNumber, asRecord, asString } from './plain.js';
import type { Path } from './plain.js';
import { checkSyncOptions } from './sync-options.js';

const SOURCE_TOOLS = ['helm', 'kustomize', 'directory', 'plugin'];
const REF_NAME = /^[a-zA-Z0-9_-]+$/;

/**
 * Returns every problem of an Application at once, each with its field path (`spec.destination.server:
 * required ...`), or `[]` when it is valid. Covers the CRD schema (types, required fields, unknown fields
 * with `strict`) and Argo CD's rules: exactly one of `destination.server`/`destination.name`; `source` or
 * `sources` (when `sources` is non-empty `source` is ignored, as in Argo CD); each source has `repoURL`
 * and `path` or `chart` (or `ref` in multi-source), a `targetRevision` for charts, at most one tool block,
 * unique well-formed `ref`s; retry durations parse; known sync options have valid values; names are
 * RFC 1123.
 */
export function validateApplication(obj: unknown, options: CrdValidationOptions = {}): FieldProblem[] {
  const problems = new ProblemList();
  const app = asRecord(obj);
  if (app === undefined || app['kind'] !== 'Application') return [{ path: 'kind', message: 'must be Application' }];
  problems.addAll(validateAgainstCrd(app, options));
  checkObjectMeta(app, problems);
  const spec = asRecord(app['spec']);
  if (spec !== undefined) checkSpec(spec, problems);
  const sync = asRecord(asRecord(app['operation'])?.['sync']);
  if (sync !== undefined) checkSyncOptions(sync['syncOptions'], ['operation', 'sync', 'syncOptions'], problems);
  return problems.list;
}

function checkSpec(spec: Record<string, unknown>, problems: ProblemList): void {
  if (spec['project'] === '') problems.add(['spec', 'project'], 'required');
  checkDestination(asRecord(spec['destination']), problems);
  const sources = asArray(spec['sources']);
  if (sources.length > 0) {
    sources.forEach((source, index) => checkSource(asRecord(source), ['spec', 'sources', index], true, problems));
    checkRefs(sources, problems);
  } else if (spec['source'] !== undefined && spec['source'] !== null) {
    checkSource(asRecord(spec['source']), ['spec', 'source'], false, problems);
  } else if (spec['sourceHydrator'] === undefined || spec['sourceHydrator'] === null) {
    problems.add(['spec', 'source'], 'required: set spec.source or spec.sources');
  }
  const policy = asRecord(spec['syncPolicy']);
  checkSyncOptions(policy?.['syncOptions'], ['spec', 'syncPolicy', 'syncOptions'], problems);
  const backoff = asRecord(asRecord(policy?.['retry'])?.['backoff']);
  for (const field of ['duration', 'maxDuration']) {
    const value = backoff?.[field];
    if (typeof value === 'string' && parseSecondsOrDuration(value) === undefined) {
      problems.add(['spec', 'syncPolicy', 'retry', 'backoff', field], 'must be a duration such as 5s, 3m or 1h (a bare number means seconds)');
    }
  }
  const limit = asNumber(spec['revisionHistoryLimit']);
  if (limit !== undefined && limit < 0) problems.add(['spec', 'revisionHistoryLimit'], 'must not be negative');
  asArray(spec['ignoreDifferences']).forEach((rule, index) => {
    asArray(asRecord(rule)?.['jsonPointers']).forEach((pointer, i) => {
      if (typeof pointer === 'string' && pointer !== '' && !pointer.startsWith('/')) {
        problems.add(['spec', 'ignoreDifferences', index, 'jsonPointers', i], 'must be a JSON pointer starting with "/"');
      }
    });
  });
}

function checkDestination(destination: Record<string, unknown> | undefined, problems: ProblemList): void {
  if (destination === undefined) return;
  const server = asString(destination['server']);
  const name = asString(destination['name']);
  if (server === undefined && name === undefined) problems.add(['spec', 'destination', 'server'], 'required: set exactly one of server or name');
  if (server !== undefined && name !== undefined) problems.add(['spec', 'destination'], "server and name are both set: set exactly one");
  if (server !== undefined && !URL.canParse(server)) problems.add(['spec', 'destination', 'server'], 'must be an absolute URL such as https://kubernetes.default.svc');
  checkNamespaceField(destination['namespace'], ['spec', 'destination', 'namespace'], problems);
}

function checkSource(source: Record<string, unknown> | undefined, path: Path, multi: boolean, problems: ProblemList): void {
  if (source === undefined) return;
  if (source['repoURL'] === '') problems.add([...path, 'repoURL'], 'required');
  const path_ = asString(source['path']);
  const chart = asString(source['chart']);
  const ref = asString(source['ref']);
  if (path_ === undefined && chart === undefined && (!multi || ref === undefined)) {
    problems.add(path, multi ? 'one of path, chart or ref is required' : 'one of path or chart is required');
  }
  if (chart !== undefined && asString(source['targetRevision']) === undefined) {
    problems.add([...path, 'targetRevision'], 'required when chart is set (the chart version)');
  }
  const tools = SOURCE_TOOLS.filter((tool) => asRecord(source[tool]) !== undefined);
  if (tools.length > 1) problems.add(path, `only one of helm, kustomize, directory, plugin may be set, found ${tools.join(', ')}`);
}

function checkRefs(sources: unknown[], problems: ProblemList): void {
  const seen = new Set<string>();
  sources.forEach((source, index) => {
    const ref = asString(asRecord(source)?.['ref']);
    if (ref === undefined) return;
    if (!REF_NAME.test(ref)) problems.add(['spec', 'sources', index, 'ref'], "may contain only letters, digits, '_' and '-'");
    else if (seen.has(ref)) problems.add(['spec', 'sources', index, 'ref'], `duplicate ref ${JSON.stringify(ref)}`);
    seen.add(ref);
  });
}
