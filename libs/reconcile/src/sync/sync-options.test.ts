import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '@driftless/api';
import { applyOptionsFor, pruneDecision, pruneOptionsFor } from './resource-options.js';
import { annotationSyncOptions, parseSyncOptions, resourceOptionValue } from './sync-options.js';
import type { AppSyncOptions } from './sync-options.js';

const withOptions = (value: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { 'argocd.argoproj.io/sync-options': value } } });
const plain: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
const defaults = parseSyncOptions(undefined);

describe('parseSyncOptions', () => {
  it('gives Argo CD defaults for no options', () => {
    expect(defaults).toEqual({
      createNamespace: false,
      pruneLast: false,
      applyOutOfSyncOnly: false,
      replace: false,
      serverSideApply: false,
      validate: true,
      respectIgnoreDifferences: false,
      failOnSharedResource: false,
      prunePropagationPolicy: 'foreground',
      skipDryRunOnMissingResource: false,
      clientSideApplyMigration: true,
    });
  });

  it.each<[string[], Partial<AppSyncOptions>]>([
    [['CreateNamespace=true'], { createNamespace: true }],
    [['PruneLast=true', 'ApplyOutOfSyncOnly=true'], { pruneLast: true, applyOutOfSyncOnly: true }],
    [['Prune=confirm', 'Delete=false'], { prune: 'confirm', delete: 'false' }],
    [['Replace=true', 'ServerSideApply=true', 'Validate=false'], { replace: true, serverSideApply: true, validate: false }],
    [['RespectIgnoreDifferences=true', 'FailOnSharedResource=true'], { respectIgnoreDifferences: true, failOnSharedResource: true }],
    [['PrunePropagationPolicy=orphan', 'SkipDryRunOnMissingResource=true'], { prunePropagationPolicy: 'orphan', skipDryRunOnMissingResource: true }],
    [['ClientSideApplyMigration=false'], { clientSideApplyMigration: false }],
    [['CreateNamespace=true', 'CreateNamespace=false'], { createNamespace: false }],
    [['PrunePropagationPolicy=sideways', 'Validate=nope', 'Unknown=true', 'garbage'], {}],
  ])('%j', (options, expected) => {
    expect(parseSyncOptions(options)).toEqual({ ...defaults, ...expected });
  });
});

describe('the sync-options annotation', () => {
  it.each([
    [' Prune=false , ServerSideApply=true,,Prune=false', ['Prune=false', 'ServerSideApply=true']],
    ['', []],
  ])('splits %j', (value, expected) => {
    expect(annotationSyncOptions(withOptions(value))).toEqual(expected);
  });

  it('takes the first value of a key, as gitops-engine does', () => {
    expect(resourceOptionValue(withOptions('Prune=confirm,Prune=false'), 'Prune')).toBe('confirm');
    expect(resourceOptionValue(plain, 'Prune')).toBeUndefined();
  });
});

describe('applyOptionsFor', () => {
  const base = { serverSideApply: false, replace: false, force: false, validate: true, skipDryRunOnMissingResource: false };
  it.each<[string, KubeObject, KubeObject | undefined, string[], boolean, boolean, Partial<typeof base>]>([
    ['plain apply', plain, undefined, [], false, false, {}],
    ['app-level ServerSideApply', plain, undefined, ['ServerSideApply=true'], false, false, { serverSideApply: true }],
    ['resource ServerSideApply=false beats the app', withOptions('ServerSideApply=false'), undefined, ['ServerSideApply=true'], false, false, {}],
    ['resource ServerSideApply=true', withOptions('ServerSideApply=true'), undefined, [], false, false, { serverSideApply: true }],
    ['Replace on the live object', plain, withOptions('Replace=true'), [], false, false, { replace: true }],
    ['resource Replace=false beats the app', withOptions('Replace=false'), undefined, ['Replace=true'], false, false, {}],
    ['Force on target', withOptions('Force=true,Replace=true'), undefined, [], false, false, { force: true, replace: true }],
    ['strategy force', plain, undefined, [], true, false, { force: true }],
    ['resource Validate=false', withOptions('Validate=false'), undefined, [], false, false, { validate: false }],
    ['app Validate=false is not undone by the resource', withOptions('Validate=true'), undefined, ['Validate=false'], false, false, { validate: false }],
    ['SkipDryRunOnMissingResource on the resource', withOptions('SkipDryRunOnMissingResource=true'), undefined, [], false, false, { skipDryRunOnMissingResource: true }],
    ['the sync carries the CRD', plain, undefined, [], false, true, { skipDryRunOnMissingResource: true }],
  ])('%s', (_name, target, live, appOptions, force, crdInSync, expected) => {
    expect(applyOptionsFor(target, live, parseSyncOptions(appOptions), force, crdInSync)).toEqual({ ...base, ...expected });
  });
});

describe('pruneDecision and pruneOptionsFor', () => {
  it.each<[string, KubeObject, string[], boolean, ReturnType<typeof pruneDecision>]>([
    ['prunes by default', plain, [], true, { action: 'prune' }],
    ['operation without prune', plain, [], false, { action: 'prune-skipped', reason: 'ignored (requires pruning)' }],
    ['resource Prune=false', withOptions('Prune=false'), [], true, { action: 'prune-skipped', reason: 'ignored (no prune)' }],
    ['app Prune=false', plain, ['Prune=false'], true, { action: 'prune-skipped', reason: 'ignored (no prune)' }],
    ['resource Prune=true beats app Prune=false', withOptions('Prune=true'), ['Prune=false'], true, { action: 'prune' }],
    ['resource Prune=confirm', withOptions('Prune=confirm'), [], true, { action: 'prune', requiresConfirmation: true }],
    ['app Prune=confirm', plain, ['Prune=confirm'], true, { action: 'prune', requiresConfirmation: true }],
    ['nothing to confirm when nothing is deleted', withOptions('Prune=confirm'), [], false, { action: 'prune-skipped', reason: 'ignored (requires pruning)' }],
  ])('%s', (_name, live, appOptions, prune, expected) => {
    expect(pruneDecision(live, parseSyncOptions(appOptions), prune)).toEqual(expected);
  });

  it.each<[KubeObject, string[], ReturnType<typeof pruneOptionsFor>]>([
    [plain, [], { propagationPolicy: 'foreground', pruneLast: false }],
    [withOptions('PruneLast=true,Delete=false'), ['PrunePropagationPolicy=background'], { propagationPolicy: 'background', pruneLast: true, delete: 'false' }],
    [plain, ['PruneLast=true', 'Delete=confirm'], { propagationPolicy: 'foreground', pruneLast: true, delete: 'confirm' }],
  ])('prune options %#', (live, appOptions, expected) => {
    expect(pruneOptionsFor(live, parseSyncOptions(appOptions))).toEqual(expected);
  });
});
