// Health of Ingress (networking.k8s.io and extensions), as gitops-engine's health_ingress.go.
import { health, list } from '../fields.js';
import type { HealthCheck } from '../types.js';

/** Healthy once the controller publishes a load-balancer ingress, Progressing before. */
export const ingressHealth: HealthCheck = (obj) => {
  const assigned = list(obj, ['status', 'loadBalancer', 'ingress']).length > 0;
  return health(assigned ? 'Healthy' : 'Progressing');
};
