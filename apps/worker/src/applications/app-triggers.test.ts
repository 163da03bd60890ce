import { describe, expect, it } from '@jest/globals';
import type { Application } from '@driftless/api';
import { appTriggers, operationPending } from './app-triggers.js';

const base: Application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'shop', namespace: 'argocd' },
  spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' }, source: { repoURL: 'https://git.example/shop.git', path: 'app', targetRevision: 'HEAD' } },
};
const withAnnotations = (app: Application, annotations: Record<string, string>): Application => ({ ...app, metadata: { ...app.metadata, annotations } });
const syncOp = { sync: { revision: 'HEAD' }, initiatedBy: { username: 'admin' } };

describe('appTriggers', () => {
  it('refreshes an app seen for the first time', () => {
    expect(appTriggers(undefined, base)).toEqual({ refresh: { reason: 'spec-changed', hard: false }, sync: false });
  });

  it('refreshes on a spec change and ignores status-only changes', () => {
    const moved: Application = { ...base, spec: { ...base.spec, source: { ...base.spec.source!, targetRevision: 'v2' } } };
    expect(appTriggers(base, moved)).toEqual({ refresh: { reason: 'spec-changed', hard: false }, sync: false });
    const reconciled: Application = { ...base, status: { reconciledAt: '2026-11-26T00:00:00Z' } };
    expect(appTriggers(base, reconciled)).toEqual({ sync: false });
  });

  it.each([
    ['normal', false],
    ['hard', true],
  ])('refreshes when the refresh annotation is set to %s', (value, hard) => {
    expect(appTriggers(base, withAnnotations(base, { 'argocd.argoproj.io/refresh': value }))).toEqual({ refresh: { reason: 'annotation', hard }, sync: false });
  });

  it('does not refresh again when the annotation is unchanged or removed', () => {
    const annotated = withAnnotations(base, { 'argocd.argoproj.io/refresh': 'normal' });
    expect(appTriggers(annotated, annotated)).toEqual({ sync: false });
    expect(appTriggers(annotated, base)).toEqual({ sync: false });
  });

  it('skips refreshes under skip-reconcile but still runs a requested operation', () => {
    const skipped = withAnnotations(base, { 'argocd.argoproj.io/skip-reconcile': 'true', 'argocd.argoproj.io/refresh': 'hard' });
    expect(appTriggers(base, skipped)).toEqual({ sync: false });
    expect(appTriggers(skipped, { ...skipped, operation: syncOp })).toEqual({ sync: true });
  });

  it('syncs when an operation is written, once', () => {
    const requested: Application = { ...base, operation: syncOp };
    expect(appTriggers(base, requested)).toEqual({ sync: true });
    expect(appTriggers(requested, { ...requested, status: { reconciledAt: '2026-11-26T00:00:00Z' } })).toEqual({ sync: false });
  });

  it('resumes an operation left Running when the app is first seen (a restarted worker)', () => {
    const running: Application = { ...base, status: { operationState: { operation: syncOp, phase: 'Running', startedAt: '2026-11-26T00:00:00Z' } } };
    expect(appTriggers(undefined, running).sync).toBe(true);
    expect(operationPending(running)).toBe(true);
    expect(operationPending({ ...base, status: { operationState: { operation: syncOp, phase: 'Succeeded', startedAt: '2026-11-26T00:00:00Z' } } })).toBe(false);
  });

  it('refreshes once when the app starts being deleted, which is where its finalizer is served', () => {
    const deleting: Application = { ...base, metadata: { ...base.metadata, deletionTimestamp: '2026-11-26T00:00:00Z', finalizers: ['resources-finalizer.argocd.argoproj.io'] } };
    expect(appTriggers(base, deleting)).toEqual({ refresh: { reason: 'deleting', hard: false }, sync: false });
    expect(appTriggers(deleting, { ...deleting, status: { reconciledAt: '2026-11-26T00:00:01Z' } })).toEqual({ sync: false });
  });
});
