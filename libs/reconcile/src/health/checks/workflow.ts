// Health of argoproj.io/Workflow, as gitops-engine's health_argo.go.
import { health, str } from '../fields.js';
import type { HealthCheck, HealthStatusCode } from '../types.js';

/** Workflow phase → health; an unknown phase is Unknown. */
const PHASE_HEALTH: ReadonlyMap<string, HealthStatusCode> = new Map([
  ['', 'Progressing'],
  ['Pending', 'Progressing'],
  ['Running', 'Progressing'],
  ['Succeeded', 'Healthy'],
  ['Failed', 'Degraded'],
  ['Error', 'Degraded'],
]);

/** Pending/Running → Progressing, Succeeded → Healthy, Failed/Error → Degraded; message is the workflow's. */
export const workflowHealth: HealthCheck = (obj) =>
  health(PHASE_HEALTH.get(str(obj, ['status', 'phase'])) ?? 'Unknown', str(obj, ['status', 'message']));
