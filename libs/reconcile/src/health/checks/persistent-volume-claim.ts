// Health of core PersistentVolumeClaim, as gitops-engine's health_pvc.go.
import { health, str } from '../fields.js';
import type { HealthCheck, HealthStatusCode } from '../types.js';

/** PVC phase → health; any other phase (or none) is Unknown. */
const PHASE_HEALTH: ReadonlyMap<string, HealthStatusCode> = new Map([
  ['Lost', 'Degraded'],
  ['Pending', 'Progressing'],
  ['Bound', 'Healthy'],
]);

/** Bound → Healthy, Pending → Progressing, Lost → Degraded, anything else → Unknown. */
export const persistentVolumeClaimHealth: HealthCheck = (obj) =>
  health(PHASE_HEALTH.get(str(obj, ['status', 'phase'])) ?? 'Unknown');
