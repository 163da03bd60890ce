// One entry point for "is this object valid?" over every kind the shipped CRDs define.

import type { FieldProblem } from '../errors/driftless-error.js';
import { validateAgainstCrd } from './crd-validator.js';
import type { CrdValidationOptions } from './crd-validator.js';
import { checkObjectMeta } from './object-meta.js';
import { ProblemList, asRecord } from './plain.js';
import { validateAppProject } from './validate-app-project.js';
import { validateApplication } from './validate-application.js';
import { validateRollout } from './validate-rollout.js';

const VALIDATORS: Readonly<Record<string, (obj: unknown, options: CrdValidationOptions) => FieldProblem[]>> = {
  Application: validateApplication,
  AppProject: validateAppProject,
  Rollout: validateRollout,
};

/**
 * Validates any object of a shipped CRD: Application, AppProject and Rollout with their full rules, the
 * other kinds (AnalysisTemplate, ClusterAnalysisTemplate, AnalysisRun) against their schema and the API
 * server's name rules. Returns every problem, `[]` when valid.
 */
export function validateResource(obj: unknown, options: CrdValidationOptions = {}): FieldProblem[] {
  const record = asRecord(obj);
  const kind = record?.['kind'];
  const validator = typeof kind === 'string' ? VALIDATORS[kind] : undefined;
  if (validator) return validator(obj, options);
  const problems = new ProblemList();
  problems.addAll(validateAgainstCrd(obj, options));
  if (record !== undefined && problems.list.every((p) => p.path !== 'kind' && p.path !== 'apiVersion')) checkObjectMeta(record, problems);
  return problems.list;
}
