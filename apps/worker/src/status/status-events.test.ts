// Transitions between two statuses, as the notifier will receive them.
import { describe, expect, it } from '@jest/globals';
import type { ApplicationStatus } from '@driftless/api';
import { statusEvents } from './status-events.js';

const app = { namespace: 'argocd', name: 'shop' };
const AT = '2026-05-01T12:00:00Z';
const rev = 'b'.repeat(40);

describe('statusEvents', () => {
  it('emits sync, health and operation phase changes with the revision', () => {
    const before: ApplicationStatus = { sync: { status: 'OutOfSync' }, health: { status: 'Progressing' }, operationState: { operation: {}, phase: 'Running', startedAt: AT } };
    const after: ApplicationStatus = { sync: { status: 'Synced', revision: rev }, health: { status: 'Degraded', message: 'crash loop' }, operationState: { operation: {}, phase: 'Failed', message: 'one or more objects failed to apply', startedAt: AT } };
    expect(statusEvents(app, before, after, AT)).toEqual([
      { kind: 'sync-status', app, from: 'OutOfSync', to: 'Synced', revision: rev, at: AT },
      { kind: 'health', app, from: 'Progressing', to: 'Degraded', revision: rev, message: 'crash loop', at: AT },
      { kind: 'operation-phase', app, from: 'Running', to: 'Failed', revision: rev, message: 'one or more objects failed to apply', at: AT },
    ]);
  });

  it('emits nothing when nothing changed, and from undefined on a first status', () => {
    const status: ApplicationStatus = { sync: { status: 'Synced', revision: rev }, health: { status: 'Healthy' } };
    expect(statusEvents(app, status, status, AT)).toEqual([]);
    expect(statusEvents(app, undefined, status, AT).map((e) => [e.kind, e.from, e.to])).toEqual([
      ['sync-status', undefined, 'Synced'],
      ['health', undefined, 'Healthy'],
    ]);
  });
});
