// Health of apiregistration.k8s.io/APIService, as gitops-engine's health_apiservice.go.
import { conditions, findCondition, health } from '../fields.js';
import type { HealthCheck } from '../types.js';

/** The `Available` condition decides: True → Healthy, otherwise Progressing; absent → Progressing. */
export const apiServiceHealth: HealthCheck = (obj) => {
  const available = findCondition(conditions(obj), 'Available');
  if (!available) return health('Progressing', 'Waiting to be processed');
  const message = `${available.reason}: ${available.message}`;
  return health(available.status === 'True' ? 'Healthy' : 'Progressing', message);
};
