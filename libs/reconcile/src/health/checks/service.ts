// Health of core Service, as gitops-engine's health_service.go.
import { health, list, str } from '../fields.js';
import type { HealthCheck } from '../types.js';

/** A LoadBalancer Service is Progressing until the cloud assigns an ingress; every other type is Healthy. */
export const serviceHealth: HealthCheck = (obj) => {
  if (str(obj, ['spec', 'type']) !== 'LoadBalancer') return health('Healthy');
  const assigned = list(obj, ['status', 'loadBalancer', 'ingress']).length > 0;
  return health(assigned ? 'Healthy' : 'Progressing');
};
