// Validates a Rollout the way Argo Rollouts' controller judges its spec (an InvalidSpec condition there):
// the CRD schema plus selector/template, strategy and canary step rules.

import type { FieldProblem } from '../errors/driftless-error.js';
import { parseSecondsOrDuration } from '../util/duration.js';
import { validateAgainstCrd } from './crd-validator.js';
import type { CrdValidationOptions } from './crd-validator.js';
import { checkObjectMeta } from './object-meta.js';
import { ProblemList, asArray, asNumber, asRecord, asString } from './plain.js';
import type { Path } from './plain.js';

const STEP_FIELDS = ['setWeight', 'pause', 'setCanaryScale', 'analysis', 'experiment', 'setHeaderRoute', 'setMirrorRoute', 'plugin'];
const PERCENT = /^\d+%$/;

/**
 * Returns every problem of a Rollout at once with its field path, or `[]` when valid: the CRD schema,
 * RFC 1123 name, a selector that is non-empty and matches the template labels, exactly one of template or
 * workloadRef, exactly one strategy, distinct Services, canary steps with exactly one action each,
 * weights 0–100, pause durations that parse, maxSurge/maxUnavailable not both zero, Services required by
 * traffic routing, and analysis templates named.
 */
export function validateRollout(obj: unknown, options: CrdValidationOptions = {}): FieldProblem[] {
  const rollout = asRecord(obj);
  if (rollout === undefined || rollout['kind'] !== 'Rollout') return [{ path: 'kind', message: 'must be Rollout' }];
  const problems = new ProblemList();
  problems.addAll(validateAgainstCrd(rollout, options));
  checkObjectMeta(rollout, problems);
  const spec = asRecord(rollout['spec']);
  if (spec === undefined) return problems.list;
  checkSelectorAndTemplate(spec, problems);
  for (const field of ['replicas', 'minReadySeconds', 'revisionHistoryLimit']) {
    const value = asNumber(spec[field]);
    if (value !== undefined && value < 0) problems.add(['spec', field], 'must not be negative');
  }
  const deadline = asNumber(spec['progressDeadlineSeconds']);
  if (deadline !== undefined && deadline <= (asNumber(spec['minReadySeconds']) ?? 0)) {
    problems.add(['spec', 'progressDeadlineSeconds'], 'must be greater than minReadySeconds');
  }
  checkStrategy(asRecord(spec['strategy']), problems);
  return problems.list;
}

function checkSelectorAndTemplate(spec: Record<string, unknown>, problems: ProblemList): void {
  const selector = asRecord(spec['selector']);
  const matchLabels = asRecord(selector?.['matchLabels']) ?? {};
  if (selector === undefined) problems.add(['spec', 'selector'], 'required');
  else if (Object.keys(matchLabels).length === 0 && asArray(selector['matchExpressions']).length === 0) {
    problems.add(['spec', 'selector'], 'empty selector is invalid for a Rollout');
  }
  const template = asRecord(spec['template']);
  const workloadRef = asRecord(spec['workloadRef']);
  if (template !== undefined && workloadRef !== undefined) problems.add(['spec', 'template'], 'must be empty when workloadRef is set');
  if (template === undefined && workloadRef === undefined) problems.add(['spec', 'template'], 'required (or spec.workloadRef)');
  if (template !== undefined && selector !== undefined) {
    const labels = asRecord(asRecord(template['metadata'])?.['labels']) ?? {};
    const mismatched = Object.entries(matchLabels).some(([key, value]) => labels[key] !== value);
    if (mismatched) problems.add(['spec', 'template', 'metadata', 'labels'], 'selector does not match template labels');
  }
}

function checkStrategy(strategy: Record<string, unknown> | undefined, problems: ProblemList): void {
  const canary = asRecord(strategy?.['canary']);
  const blueGreen = asRecord(strategy?.['blueGreen']);
  if (canary === undefined && blueGreen === undefined) {
    problems.add(['spec', 'strategy'], 'one of canary or blueGreen is required');
    return;
  }
  if (canary !== undefined && blueGreen !== undefined) problems.add(['spec', 'strategy'], 'only one of canary or blueGreen may be set');
  if (blueGreen !== undefined) checkBlueGreen(blueGreen, problems);
  if (canary !== undefined) checkCanary(canary, problems);
}

function checkBlueGreen(blueGreen: Record<string, unknown>, problems: ProblemList): void {
  const path: Path = ['spec', 'strategy', 'blueGreen'];
  const active = asString(blueGreen['activeService']);
  if (blueGreen['activeService'] === '') problems.add([...path, 'activeService'], 'required');
  if (active !== undefined && active === asString(blueGreen['previewService'])) {
    problems.add([...path, 'previewService'], 'must differ from activeService');
  }
  for (const field of ['prePromotionAnalysis', 'postPromotionAnalysis']) checkAnalysis(asRecord(blueGreen[field]), [...path, field], problems);
}

function checkCanary(canary: Record<string, unknown>, problems: ProblemList): void {
  const path: Path = ['spec', 'strategy', 'canary'];
  const canaryService = asString(canary['canaryService']);
  const stableService = asString(canary['stableService']);
  if (canaryService !== undefined && canaryService === stableService) problems.add([...path, 'stableService'], 'must differ from canaryService');
  if (asRecord(canary['trafficRouting']) !== undefined) {
    if (canaryService === undefined) problems.add([...path, 'canaryService'], 'required when trafficRouting is set');
    if (stableService === undefined) problems.add([...path, 'stableService'], 'required when trafficRouting is set');
  }
  if (isZero(canary['maxSurge']) && isZero(canary['maxUnavailable'])) problems.add([...path, 'maxUnavailable'], 'maxSurge and maxUnavailable cannot both be 0');
  for (const field of ['maxSurge', 'maxUnavailable']) {
    const value = canary[field];
    if (typeof value === 'string' && !PERCENT.test(value)) problems.add([...path, field], 'must be an integer or a percentage such as 25%');
  }
  checkAnalysis(asRecord(canary['analysis']), [...path, 'analysis'], problems);
  asArray(canary['steps']).forEach((entry, index) => checkStep(asRecord(entry), [...path, 'steps', index], problems));
}

function checkStep(step: Record<string, unknown> | undefined, path: Path, problems: ProblemList): void {
  if (step === undefined) return;
  const set = STEP_FIELDS.filter((field) => step[field] !== undefined && step[field] !== null);
  if (set.length !== 1) {
    problems.add(path, `exactly one of ${STEP_FIELDS.join(', ')} must be set${set.length > 1 ? `, found ${set.join(', ')}` : ''}`);
  }
  const weight = asNumber(step['setWeight']);
  if (weight !== undefined && (weight < 0 || weight > 100)) problems.add([...path, 'setWeight'], 'must be between 0 and 100');
  const duration = asRecord(step['pause'])?.['duration'];
  if (typeof duration === 'number' && duration < 0) problems.add([...path, 'pause', 'duration'], 'must not be negative');
  if (typeof duration === 'string' && parseSecondsOrDuration(duration) === undefined) {
    problems.add([...path, 'pause', 'duration'], 'must be seconds or a duration such as 30s, 5m or 1h');
  }
  const scale = asRecord(step['setCanaryScale']);
  if (scale !== undefined) {
    const fields = ['replicas', 'weight', 'matchTrafficWeight'].filter((field) => scale[field] !== undefined && scale[field] !== null);
    if (fields.length !== 1) problems.add([...path, 'setCanaryScale'], 'exactly one of replicas, weight, matchTrafficWeight must be set');
    const scaleWeight = asNumber(scale['weight']);
    if (scaleWeight !== undefined && (scaleWeight < 0 || scaleWeight > 100)) problems.add([...path, 'setCanaryScale', 'weight'], 'must be between 0 and 100');
  }
  checkAnalysis(asRecord(step['analysis']), [...path, 'analysis'], problems);
}

function checkAnalysis(analysis: Record<string, unknown> | undefined, path: Path, problems: ProblemList): void {
  if (analysis === undefined) return;
  const templates = asArray(analysis['templates']);
  if (templates.length === 0) problems.add([...path, 'templates'], 'at least one template is required');
  templates.forEach((template, index) => {
    if (asString(asRecord(template)?.['templateName']) === undefined) problems.add([...path, 'templates', index, 'templateName'], 'required');
  });
}

function isZero(value: unknown): boolean {
  return value === 0 || value === '0' || value === '0%';
}
