// Health of argoproj.io/Application (app of apps): the child application's own reported health.
import { field, health, str } from '../fields.js';
import { isHealthStatusCode } from '../types.js';
import type { HealthCheck } from '../types.js';

/**
 * `status.health` of the child Application, as Argo CD's documented app-of-apps health check:
 * no reported health yet → Progressing; an unrecognised status → Unknown.
 */
export const applicationHealth: HealthCheck = (obj) => {
  const reported = field(obj, 'status', 'health', 'status');
  const message = str(obj, ['status', 'health', 'message']);
  if (reported === undefined) return health('Progressing', message);
  return health(isHealthStatusCode(reported) ? reported : 'Unknown', message);
};
