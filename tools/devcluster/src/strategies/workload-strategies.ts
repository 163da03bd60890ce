// Workload kinds (apps/v1, batch/v1): spec defaults, pod-template defaults, selector rules.
import type { FieldError } from '../errors/statuses.js';
import { isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import { metaString, readPath } from '../model/meta.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import { defaultTo, objectAt } from './strategy.js';
import type { KindStrategy } from './strategy.js';

function selectorMatchesTemplate(obj: JsonObject, required: boolean): FieldError[] {
  const selector = readPath(obj, ['spec', 'selector']);
  if (!isJsonObject(selector)) return required ? [{ type: 'FieldValueRequired', field: 'spec.selector', detail: '' }] : [];
  const matchLabels = isJsonObject(selector['matchLabels']) ? selector['matchLabels'] : {};
  const hasExpressions = Array.isArray(selector['matchExpressions']) && selector['matchExpressions'].length > 0;
  if (Object.keys(matchLabels).length === 0 && !hasExpressions) {
    return [{ type: 'FieldValueInvalid', field: 'spec.selector', value: 'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}', detail: 'empty selector is invalid for deployment' }];
  }
  const labels = readPath(obj, ['spec', 'template', 'metadata', 'labels']);
  const templateLabels = isJsonObject(labels) ? labels : {};
  const matches = Object.entries(matchLabels).every(([k, v]) => templateLabels[k] === v);
  if (!matches) {
    return [{ type: 'FieldValueInvalid', field: 'spec.template.metadata.labels', value: JSON.stringify(templateLabels), detail: '`selector` does not match template `labels`' }];
  }
  return [];
}

function selectorImmutable(obj: JsonObject, old: JsonObject | undefined): FieldError[] {
  if (old === undefined) return [];
  const before = JSON.stringify(readPath(old, ['spec', 'selector']) ?? null);
  const after = JSON.stringify(readPath(obj, ['spec', 'selector']) ?? null);
  return before === after ? [] : [{ type: 'FieldValueInvalid', field: 'spec.selector', value: after, detail: 'field is immutable' }];
}

function appsValidate(obj: JsonObject, old: JsonObject | undefined): FieldError[] {
  return [...selectorMatchesTemplate(obj, true), ...selectorImmutable(obj, old)];
}

function withTemplate(specDefaults: (spec: JsonObject) => void): (obj: JsonObject) => void {
  return (obj) => {
    const spec = objectAt(obj, 'spec');
    specDefaults(spec);
    defaultPodTemplate(spec['template']);
  };
}

/**
 * Deployments: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600.
 * deployments/status keeps the request's annotations (upstream resets only spec and labels there): the
 * deployment controller writes `deployment.kubernetes.io/revision` with its status, which
 * `kubectl rollout history/undo` and revision checks read.
 */
export const deploymentStrategy: KindStrategy = {
  prepareForCreate: withTemplate(deploymentDefaults),
  prepareForUpdate: withTemplate(deploymentDefaults),
  validate: appsValidate,
  statusMetadata: ['annotations'],
};

function deploymentDefaults(spec: JsonObject): void {
  defaultTo(spec, 'replicas', 1);
  const strategy = objectAt(spec, 'strategy');
  defaultTo(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate') {
    const rolling = objectAt(strategy, 'rollingUpdate');
    defaultTo(rolling, 'maxUnavailable', '25%');
    defaultTo(rolling, 'maxSurge', '25%');
  }
  defaultTo(spec, 'revisionHistoryLimit', 10);
  defaultTo(spec, 'progressDeadlineSeconds', 600);
}

/** ReplicaSets: replicas 1. */
export const replicaSetStrategy: KindStrategy = {
  prepareForCreate: withTemplate((spec) => defaultTo(spec, 'replicas', 1)),
  prepareForUpdate: withTemplate((spec) => defaultTo(spec, 'replicas', 1)),
  validate: appsValidate,
};

function statefulSetDefaults(spec: JsonObject): void {
  defaultTo(spec, 'replicas', 1);
  defaultTo(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = objectAt(spec, 'updateStrategy');
  defaultTo(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate') defaultTo(objectAt(strategy, 'rollingUpdate'), 'partition', 0);
  defaultTo(spec, 'revisionHistoryLimit', 10);
  defaultTo(spec, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' });
}

/** StatefulSets: OrderedReady, RollingUpdate partition 0, revisionHistoryLimit 10. */
export const statefulSetStrategy: KindStrategy = {
  prepareForCreate: withTemplate(statefulSetDefaults),
  prepareForUpdate: withTemplate(statefulSetDefaults),
  validate: appsValidate,
};

function daemonSetDefaults(spec: JsonObject): void {
  const strategy = objectAt(spec, 'updateStrategy');
  defaultTo(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate') {
    const rolling = objectAt(strategy, 'rollingUpdate');
    defaultTo(rolling, 'maxUnavailable', 1);
    defaultTo(rolling, 'maxSurge', 0);
  }
  defaultTo(spec, 'revisionHistoryLimit', 10);
}

/** DaemonSets: RollingUpdate maxUnavailable 1, revisionHistoryLimit 10. */
export const daemonSetStrategy: KindStrategy = {
  prepareForCreate: withTemplate(daemonSetDefaults),
  prepareForUpdate: withTemplate(daemonSetDefaults),
  validate: appsValidate,
};

/** Jobs: generated selector and labels from the uid, completions/parallelism/backoffLimit defaults. */
export const jobStrategy: KindStrategy = {
  prepareForCreate(obj) {
    const spec = objectAt(obj, 'spec');
    const uid = metaString(obj, 'uid') ?? '';
    const name = metaString(obj, 'name') ?? '';
    if (spec['manualSelector'] !== true) {
      spec['selector'] = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      const template = objectAt(spec, 'template');
      const labels = objectAt(objectAt(template, 'metadata'), 'labels');
      Object.assign(labels, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name });
    }
    jobDefaults(spec);
  },
  prepareForUpdate: (obj) => jobDefaults(objectAt(obj, 'spec')),
  validate(obj, old) {
    const errors: FieldError[] = [];
    const restart = readPath(obj, ['spec', 'template', 'spec', 'restartPolicy']);
    if (restart !== 'Never' && restart !== 'OnFailure') {
      errors.push({ type: 'FieldValueNotSupported', field: 'spec.template.spec.restartPolicy', value: JSON.stringify(restart ?? ''), detail: 'supported values: "OnFailure", "Never"' });
    }
    if (old !== undefined && JSON.stringify(readPath(old, ['spec', 'template'])) !== JSON.stringify(readPath(obj, ['spec', 'template']))) {
      errors.push({ type: 'FieldValueInvalid', field: 'spec.template', value: '', detail: 'field is immutable' });
    }
    return errors;
  },
};

function jobDefaults(spec: JsonObject): void {
  defaultTo(spec, 'parallelism', 1);
  defaultTo(spec, 'completions', 1);
  defaultTo(spec, 'backoffLimit', 6);
  defaultTo(spec, 'completionMode', 'NonIndexed');
  defaultTo(spec, 'suspend', false);
  defaultTo(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultPodTemplate(spec['template']);
}

/** CronJobs: concurrencyPolicy Allow, history limits 3/1, suspend false. */
export const cronJobStrategy: KindStrategy = {
  prepareForCreate: (obj) => cronJobDefaults(objectAt(obj, 'spec')),
  prepareForUpdate: (obj) => cronJobDefaults(objectAt(obj, 'spec')),
};

function cronJobDefaults(spec: JsonObject): void {
  defaultTo(spec, 'concurrencyPolicy', 'Allow');
  defaultTo(spec, 'suspend', false);
  defaultTo(spec, 'successfulJobsHistoryLimit', 3);
  defaultTo(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = spec['jobTemplate'];
  if (isJsonObject(jobTemplate)) defaultPodTemplate(readPath(jobTemplate, ['spec', 'template']));
}
