// Health of batch/Job, as gitops-engine's health_job.go.
import { conditions, health } from '../fields.js';
import type { HealthCheck } from '../types.js';

/**
 * A `Failed` condition → Degraded with its message; a `Complete` condition → Healthy with its
 * message; a true `Suspended` condition → Suspended; none of these → Progressing. Failed and
 * Complete count whatever their status, as gitops-engine reads them. Unlike gitops-engine, a
 * `Suspended=False` condition (a resumed job) keeps the job Progressing rather than Healthy.
 */
export const jobHealth: HealthCheck = (obj) => {
  const all = conditions(obj);
  const failed = all.filter((c) => c.type === 'Failed').at(-1);
  if (failed) return health('Degraded', failed.message);
  const complete = all.filter((c) => c.type === 'Complete').at(-1);
  if (complete) return health('Healthy', complete.message);
  const suspended = all.find((c) => c.type === 'Suspended' && c.status === 'True');
  return suspended ? health('Suspended', suspended.message) : health('Progressing');
};
