// Health of autoscaling/HorizontalPodAutoscaler, as gitops-engine's health_hpa.go.
import { conditions, field, health, str } from '../fields.js';
import type { Condition } from '../fields.js';
import type { HealthCheck, HealthStatus } from '../types.js';

const WAITING: HealthStatus = { status: 'Progressing', message: 'Waiting to Autoscale' };

/** Type/reason pairs that mean the autoscaler cannot work. */
const DEGRADED = new Set([
  'AbleToScale/FailedGetScale',
  'AbleToScale/FailedUpdateScale',
  'ScalingActive/FailedGetResourceMetric',
  'ScalingActive/InvalidSelector',
]);

/** Condition types that, when True, mean the autoscaler is working. */
const HEALTHY_TYPES = new Set(['AbleToScale', 'ScalingLimited']);

/** autoscaling/v1 keeps its conditions as JSON in an annotation; later versions in status. */
function hpaConditions(obj: Record<string, unknown>): Condition[] {
  if (str(obj, ['apiVersion']) !== 'autoscaling/v1') return conditions(obj);
  const annotation = field(obj, 'metadata', 'annotations', 'autoscaling.alpha.kubernetes.io/conditions');
  if (typeof annotation !== 'string') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch (cause) {
    throw new Error(`failed to convert conditions annotation to typed: ${String(cause)}`, { cause });
  }
  return conditions({ conditions: parsed }, ['conditions']);
}

/**
 * The first condition decides, in order: a known failure (e.g. `ScalingActive/FailedGetResourceMetric`)
 * → Degraded; a True `AbleToScale` or `ScalingLimited` → Healthy; both with the condition's message.
 * No deciding condition → Progressing "Waiting to Autoscale".
 */
export const horizontalPodAutoscalerHealth: HealthCheck = (obj) => {
  for (const condition of hpaConditions(obj)) {
    if (DEGRADED.has(`${condition.type}/${condition.reason}`)) return health('Degraded', condition.message);
    if (HEALTHY_TYPES.has(condition.type) && condition.status === 'True') return health('Healthy', condition.message);
  }
  return WAITING;
};
