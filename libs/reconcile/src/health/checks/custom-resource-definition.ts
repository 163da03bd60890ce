// Health of apiextensions.k8s.io/CustomResourceDefinition, as gitops-engine's health_customresourcedefinition.go.
import { conditions, health } from '../fields.js';
import type { HealthCheck } from '../types.js';

/**
 * No conditions → Progressing; Terminating → Progressing; names not accepted, not Established or a
 * non-structural schema → Degraded (in that order), each with the deciding condition's message;
 * otherwise Healthy "CRD is healthy".
 */
export const customResourceDefinitionHealth: HealthCheck = (obj) => {
  const all = conditions(obj);
  if (all.length === 0) return health('Progressing', 'Status conditions not found');
  let established = false;
  let terminating = false;
  let namesNotAccepted = false;
  let nonStructural = false;
  let message = '';
  for (const c of all) {
    if (c.type === 'Terminating' && c.status === 'True') [terminating, message] = [true, c.message];
    if (c.type === 'NamesAccepted' && c.status === 'False') [namesNotAccepted, message] = [true, c.message];
    if (c.type === 'Established' && c.status === 'True') established = true;
    else if (c.type === 'Established') message = c.message;
    if (c.type === 'NonStructuralSchema' && c.status === 'True') [nonStructural, message] = [true, c.message];
  }
  if (terminating) return health('Progressing', `CRD is being terminated: ${message}`);
  if (namesNotAccepted) return health('Degraded', `CRD names have not been accepted: ${message}`);
  if (!established) return health('Degraded', `CRD is not established: ${message}`);
  if (nonStructural) return health('Degraded', `Schema violations found: ${message}`);
  return health('Healthy', 'CRD is healthy');
};
