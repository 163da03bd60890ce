// The 409 wording kubectl and client libraries show, and the Status causes, as upstream builds them.
import { describe, expect, it } from '@jest/globals';
import { conflictCauses, conflictMessage } from './conflicts.js';
import type { ApplyConflict } from './conflicts.js';

const csa: ApplyConflict = { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', field: '.data.a' };
const argo: ApplyConflict = { manager: 'argocd-controller', operation: 'Apply', apiVersion: 'apps/v1', field: '.spec.replicas' };
const status: ApplyConflict = { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', subresource: 'status', field: '.status.replicas' };

describe('conflictMessage', () => {
  it.each([
    ['one Update manager (the research notes example)', [csa], 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.a'],
    ['one applier: no apiVersion', [argo], 'Apply failed with 1 conflict: conflict with "argocd-controller": .spec.replicas'],
    ['a subresource manager', [status], 'Apply failed with 1 conflict: conflict with "kube-controller-manager" with subresource "status" using apps/v1: .status.replicas'],
    [
      'several, one block per manager',
      [argo, { ...argo, field: '.spec.paused' }, csa],
      'Apply failed with 3 conflicts: conflicts with "argocd-controller":\n- .spec.replicas\n- .spec.paused\nconflicts with "kubectl-client-side-apply" using v1:\n- .data.a',
    ],
  ])('%s', (_name, conflicts, message) => {
    expect(conflictMessage(conflicts)).toBe(message);
  });
});

describe('conflictCauses', () => {
  it('gives one FieldManagerConflict cause per field', () => {
    expect(conflictCauses([csa, status])).toEqual([
      { type: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using v1', field: '.data.a' },
      { type: 'FieldManagerConflict', message: 'conflict with "kube-controller-manager" with subresource "status" using apps/v1', field: '.status.replicas' },
    ]);
  });
});
