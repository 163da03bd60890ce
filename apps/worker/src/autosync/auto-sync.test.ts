// Argo CD's automated sync decision, one table row per rule and message, single- and multi-source.
import { describe, expect, it } from '@jest/globals';
import type { Application, ApplicationSource, OperationState, ResourceStatus, SyncPolicy } from '@driftless/api';
import type { RefreshResult } from '@driftless/reconcile';
import { decideAutoSync, selfHealBackoffDelayMs } from './auto-sync.js';
import type { AutoSyncDecision, AutoSyncInput, AutoSyncOptions } from './auto-sync.js';

const NOW = new Date('2026-05-01T12:00:00Z');
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const SOURCE: ApplicationSource = { repoURL: 'https://git.example/shop.git', path: 'deploy', targetRevision: 'HEAD' };
const SOURCES: ApplicationSource[] = [SOURCE, { repoURL: 'https://charts.example', chart: 'redis', targetRevision: '1.2.3' }];

const drifted: ResourceStatus = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web', status: 'OutOfSync' };
const synced: ResourceStatus = { kind: 'Service', namespace: 'shop', name: 'web', status: 'Synced' };
const extra: ResourceStatus = { kind: 'ConfigMap', namespace: 'shop', name: 'old', status: 'OutOfSync', requiresPruning: true };

/** Seconds before NOW, as an RFC 3339 timestamp. */
function ago(seconds: number): string {
  return new Date(NOW.getTime() - seconds * 1000).toISOString();
}

interface AppShape {
  syncPolicy?: SyncPolicy;
  multi?: boolean;
  operationState?: OperationState;
  deleting?: boolean;
  operation?: boolean;
}

function app({ syncPolicy = { automated: {} }, multi = false, operationState, deleting = false, operation = false }: AppShape): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'shop', namespace: 'argocd', ...(deleting ? { deletionTimestamp: ago(1) } : {}) },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' }, syncPolicy, ...(multi ? { sources: SOURCES } : { source: SOURCE }) },
    ...(operationState ? { status: { operationState } } : {}),
    ...(operation ? { operation: { sync: {} } } : {}),
  };
}

/** The last operation: synced to `revision` (or `revisions`) from the current spec. */
function lastSync(phase: OperationState['phase'], opts: { revision?: string; revisions?: string[]; finishedAgo?: number; attempts?: number; source?: ApplicationSource; message?: string } = {}): OperationState {
  const { revision = A, revisions, finishedAgo = 600, attempts, source = SOURCE, message } = opts;
  return {
    operation: { sync: { revision, ...(attempts !== undefined ? { autoHealAttemptsCount: attempts } : {}) }, initiatedBy: { automated: true } },
    phase,
    ...(message !== undefined ? { message } : {}),
    startedAt: ago(finishedAgo + 5),
    finishedAt: ago(finishedAgo),
    syncResult: revisions ? { revision: '', revisions, sources: SOURCES } : { revision, source },
  };
}

function input(status: 'Synced' | 'OutOfSync' | 'Unknown', resources: ResourceStatus[] = [drifted, synced], extraFields: Partial<AutoSyncInput> = {}): AutoSyncInput {
  return { sync: { status, revision: A }, resources, conditions: [], ...extraFields };
}

function reasonOf(decision: AutoSyncDecision): string {
  return decision.kind === 'sync' ? decision.message : decision.reason;
}

describe('decideAutoSync: skip rules', () => {
  const rows: [string, Application, AutoSyncInput, string][] = [
    ['no automated policy', app({ syncPolicy: { syncOptions: ['CreateNamespace=true'] } }), input('OutOfSync'), 'Skipping auto-sync: automated sync is not enabled'],
    ['no sync policy', app({ syncPolicy: {} }), input('OutOfSync'), 'Skipping auto-sync: automated sync is not enabled'],
    ['automated.enabled false (Argo 3.1+)', app({ syncPolicy: { automated: { enabled: false, prune: true, selfHeal: true } } }), input('OutOfSync'), 'Skipping auto-sync: automated sync is not enabled'],
    ['operation already set', app({ operation: true }), input('OutOfSync'), 'Skipping auto-sync: another operation is in progress'],
    ['being deleted', app({ deleting: true }), input('OutOfSync'), 'Skipping auto-sync: deletion in progress'],
    ['already Synced', app({}), input('Synced'), 'Skipping auto-sync: application status is Synced'],
    ['status Unknown', app({}), input('Unknown'), 'Skipping auto-sync: application status is Unknown'],
    ['comparison error', app({}), input('OutOfSync', [drifted], { conditions: [{ type: 'ComparisonError', message: 'dry-run apply of Deployment web failed' }] }), 'Skipping auto-sync: application has comparison errors: dry-run apply of Deployment web failed'],
    ['only pruning needed, prune off', app({}), input('OutOfSync', [synced, extra]), 'Skipping auto-sync: need to prune extra resources only but automated prune is disabled'],
    ['same revision and source, no selfHeal', app({ operationState: lastSync('Succeeded') }), input('OutOfSync'), `Skipping auto-sync: most recent sync already to ${A}`],
    ['same revision failed before', app({ operationState: lastSync('Failed', { message: 'one or more objects failed to apply' }) }), input('OutOfSync'), `Skipping auto-sync: failed previous sync attempt to ${A}`],
    ['same revision errored before, even with selfHeal', app({ syncPolicy: { automated: { selfHeal: true } }, operationState: lastSync('Error') }), input('OutOfSync'), `Skipping auto-sync: failed previous sync attempt to ${A}`],
    ['failed without a sync result', app({ operationState: { operation: { sync: {} }, phase: 'Failed', startedAt: ago(10), finishedAt: ago(5) } }), input('OutOfSync'), `Skipping auto-sync: failed previous sync attempt to ${A}`],
    ['render empty, prune on, allowEmpty off', app({ syncPolicy: { automated: { prune: true } } }), input('OutOfSync', [extra, { ...extra, name: 'older' }]), `Skipping sync attempt to ${A}: auto-sync will wipe out all resources`],
    [
      'multi-source: same revisions and sources, no selfHeal',
      app({ multi: true, operationState: lastSync('Succeeded', { revisions: [A, B] }) }),
      { sync: { status: 'OutOfSync', revisions: [A, B] }, resources: [drifted] },
      `Skipping auto-sync: most recent sync already to ${A}, ${B}`,
    ],
    [
      'multi-source: same revisions failed before',
      app({ multi: true, operationState: lastSync('Failed', { revisions: [A, B] }) }),
      { sync: { status: 'OutOfSync', revisions: [A, B] }, resources: [drifted] },
      `Skipping auto-sync: failed previous sync attempt to ${A}, ${B}`,
    ],
    [
      'new commit without manifest changes (revisionsMayHaveChanges false)',
      app({ operationState: lastSync('Succeeded', { revision: A }) }),
      { sync: { status: 'OutOfSync', revision: B }, resources: [drifted], revisionsMayHaveChanges: false },
      `Skipping auto-sync: most recent sync already to ${B}`,
    ],
  ];
  it.each(rows)('%s', (_name, application, compared, reason) => {
    const decision = decideAutoSync(application, compared, NOW);
    expect(decision.kind).toBe('skip');
    expect(reasonOf(decision)).toBe(reason);
  });

  const conditions: [string, Application, AutoSyncInput, string][] = [
    ['failed previous attempt', app({ operationState: lastSync('Failed', { message: 'one or more objects failed to apply' }) }), input('OutOfSync'), `Failed last sync attempt to ${A}: one or more objects failed to apply`],
    ['wipe out', app({ syncPolicy: { automated: { prune: true } } }), input('OutOfSync', [extra]), `Skipping sync attempt to ${A}: auto-sync will wipe out all resources`],
  ];
  it.each(conditions)('reports a SyncError condition: %s', (_name, application, compared, message) => {
    const decision = decideAutoSync(application, compared, NOW);
    expect(decision).toMatchObject({ kind: 'skip', condition: { type: 'SyncError', message } });
  });
});

describe('decideAutoSync: operations', () => {
  const rows: [string, Application, AutoSyncInput, Record<string, unknown>][] = [
    ['first sync, defaults: retry limit 5, no prune', app({}), input('OutOfSync'), { sync: { revision: A }, initiatedBy: { automated: true }, retry: { limit: 5 } }],
    [
      'prune, sync options and retry from the spec',
      app({ syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true', 'PruneLast=true'], retry: { limit: 2, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } } } }),
      input('OutOfSync', [drifted, extra]),
      { sync: { revision: A, prune: true, syncOptions: ['CreateNamespace=true', 'PruneLast=true'] }, initiatedBy: { automated: true }, retry: { limit: 2, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } } },
    ],
    ['new revision after a failed one', app({ operationState: lastSync('Failed', { revision: A }) }), { sync: { status: 'OutOfSync', revision: B }, resources: [drifted] }, { sync: { revision: B }, initiatedBy: { automated: true }, retry: { limit: 5 } }],
    [
      'same revision, source changed since the failure',
      app({ operationState: lastSync('Failed', { source: { ...SOURCE, path: 'old-path' } }) }),
      input('OutOfSync'),
      { sync: { revision: A }, initiatedBy: { automated: true }, retry: { limit: 5 } },
    ],
    ['prune off with something besides pruning', app({}), input('OutOfSync', [drifted, extra]), { sync: { revision: A }, initiatedBy: { automated: true }, retry: { limit: 5 } }],
    ['empty render with allowEmpty', app({ syncPolicy: { automated: { prune: true, allowEmpty: true } } }), input('OutOfSync', [extra]), { sync: { revision: A, prune: true }, initiatedBy: { automated: true }, retry: { limit: 5 } }],
    [
      'multi-source: revisions per source',
      app({ multi: true, operationState: lastSync('Succeeded', { revisions: [A, B] }) }),
      { sync: { status: 'OutOfSync', revisions: [A, C] }, resources: [drifted] },
      { sync: { revisions: [A, C] }, initiatedBy: { automated: true }, retry: { limit: 5 } },
    ],
    [
      'multi-source: sources changed at the same revisions',
      app({ multi: true, operationState: { ...lastSync('Failed', { revisions: [A, B] }), syncResult: { revision: '', revisions: [A, B], sources: [SOURCE] } } }),
      { sync: { status: 'OutOfSync', revisions: [A, B] }, resources: [drifted] },
      { sync: { revisions: [A, B] }, initiatedBy: { automated: true }, retry: { limit: 5 } },
    ],
  ];
  it.each(rows)('%s', (_name, application, compared, operation) => {
    expect(decideAutoSync(application, compared, NOW)).toEqual({ kind: 'sync', operation, selfHeal: false, message: expect.stringMatching(/^Initiated automated sync to '/) });
  });

  it('takes a RefreshResult as it is', () => {
    const refreshed: RefreshResult = { sync: { status: 'OutOfSync', revision: A }, health: { status: 'Healthy' }, resources: [drifted], conditions: [], summary: {}, reconciledAt: NOW.toISOString() };
    expect(decideAutoSync(app({}), refreshed, NOW).kind).toBe('sync');
  });

  it('names the target in the event message, sources joined for multi-source', () => {
    expect(reasonOf(decideAutoSync(app({}), input('OutOfSync'), NOW))).toBe(`Initiated automated sync to '${A}'`);
    expect(reasonOf(decideAutoSync(app({ multi: true }), { sync: { status: 'OutOfSync', revisions: [A, B] }, resources: [drifted] }, NOW))).toBe(`Initiated automated sync to '${A}, ${B}'`);
  });
});

describe('decideAutoSync: self-heal', () => {
  const selfHealPolicy: SyncPolicy = { automated: { selfHeal: true } };
  const fixed5s: AutoSyncOptions = { selfHealBackoff: null, selfHealTimeoutSeconds: 5 };
  const cooldown330: AutoSyncOptions = { selfHealBackoffCooldownSeconds: 330 };

  // [name, attempts carried by the last operation, seconds since it finished, options, expected]
  const rows: [string, number | undefined, number, AutoSyncOptions, { wait: number } | { attempts: number }][] = [
    ['first heal after a sync: no backoff', undefined, 1, {}, { attempts: 1 }],
    ['second heal waits 2 s after the first', 1, 0.5, {}, { wait: 1500 }],
    ['second heal once 2 s passed', 1, 2, {}, { attempts: 2 }],
    ['third heal waits 6 s', 2, 4, {}, { wait: 2000 }],
    ['sixth heal waits 162 s', 5, 100, {}, { wait: 62_000 }],
    ['backoff capped at 300 s', 9, 299, {}, { wait: 1000 }],
    ['past the cap', 9, 300, {}, { attempts: 10 }],
    ['Argo 3.3: no cooldown, count carries after a long calm', 4, 40, {}, { wait: 14_000 }],
    ['fixed timeout (backoff off) waits 5 s after the last operation', 3, 2, fixed5s, { wait: 3000 }],
    ['fixed timeout elapsed', 3, 5, fixed5s, { attempts: 4 }],
    ['Argo 3.0–3.2 cooldown: success older than 330 s resets the count', 4, 400, cooldown330, { attempts: 1 }],
    ['Argo 3.0–3.2 cooldown: within 330 s the count carries', 4, 40, cooldown330, { wait: 14_000 }],
  ];
  it.each(rows)('%s', (_name, attempts, finishedAgo, options, expected) => {
    const application = app({ syncPolicy: selfHealPolicy, operationState: lastSync('Succeeded', { finishedAgo, ...(attempts !== undefined ? { attempts } : {}) }) });
    const decision = decideAutoSync(application, input('OutOfSync', [drifted, synced, { kind: 'Secret', namespace: 'shop', name: 'creds' }]), NOW, options);
    if ('wait' in expected) {
      expect(decision).toEqual({ kind: 'wait', retryAfterMs: expected.wait, reason: expect.stringMatching(new RegExp(`^Skipping auto-sync: already attempted sync to ${A} with timeout \\d+s \\(retrying in `)) });
    } else {
      expect(decision).toEqual({
        kind: 'sync',
        selfHeal: true,
        message: `Initiated automated sync to '${A}'`,
        operation: {
          // Only what is not Synced, by kind, group and name (Argo leaves the namespace out).
          sync: { revision: A, autoHealAttemptsCount: expected.attempts, resources: [{ group: 'apps', kind: 'Deployment', name: 'web' }, { kind: 'Secret', name: 'creds' }] },
          initiatedBy: { automated: true },
          retry: { limit: 5 },
        },
      });
    }
  });

  it('starts the count again on a new revision: a normal sync, not a heal', () => {
    const application = app({ syncPolicy: selfHealPolicy, operationState: lastSync('Succeeded', { attempts: 7, finishedAgo: 1 }) });
    expect(decideAutoSync(application, { sync: { status: 'OutOfSync', revision: B }, resources: [drifted] }, NOW)).toMatchObject({
      kind: 'sync',
      selfHeal: false,
      operation: { sync: { revision: B } },
    });
  });

  it('heals multi-source applications at unchanged revisions', () => {
    const application = app({ multi: true, syncPolicy: selfHealPolicy, operationState: lastSync('Succeeded', { revisions: [A, B], attempts: 1, finishedAgo: 10 }) });
    expect(decideAutoSync(application, { sync: { status: 'OutOfSync', revisions: [A, B] }, resources: [drifted] }, NOW)).toEqual({
      kind: 'sync',
      selfHeal: true,
      message: `Initiated automated sync to '${A}, ${B}'`,
      operation: { sync: { revisions: [A, B], autoHealAttemptsCount: 2, resources: [{ group: 'apps', kind: 'Deployment', name: 'web' }] }, initiatedBy: { automated: true }, retry: { limit: 5 } },
    });
  });

  it('still refuses to wipe out everything when healing', () => {
    const application = app({ syncPolicy: { automated: { selfHeal: true, prune: true } }, operationState: lastSync('Succeeded') });
    expect(reasonOf(decideAutoSync(application, input('OutOfSync', [extra]), NOW))).toBe(`Skipping sync attempt to ${A}: auto-sync will wipe out all resources`);
  });
});

describe('selfHealBackoffDelayMs', () => {
  it('follows wait.Backoff.Step(): 0, 2, 6, 18, 54, 162, then the 300 s cap', () => {
    const backoff = { timeoutSeconds: 2, factor: 3, capSeconds: 300 };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => selfHealBackoffDelayMs(backoff, n) / 1000)).toEqual([0, 2, 6, 18, 54, 162, 300, 300]);
  });
});
