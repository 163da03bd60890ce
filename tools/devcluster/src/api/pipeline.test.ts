import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../errors/api-error.js';
import type { JsonObject } from '../model/json.js';
import { createObject } from './create.js';
import { deleteObject } from './delete.js';
import { patchObject } from './patch.js';
import { listObjects } from './read.js';
import { replaceObject } from './update.js';
import { pipelineFixture } from './testing/pipeline-fixture.js';
import { EVERYTHING } from '../selectors/label-selector.js';

const meta = (obj: JsonObject): JsonObject => obj['metadata'] as JsonObject;

function deployment(name: string, image = 'nginx:1'): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } } },
    status: { replicas: 5 },
  };
}

function expectApiError(fn: () => unknown, code: number, message?: string | RegExp): ApiError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    const apiError = err as ApiError;
    expect(apiError.code).toBe(code);
    if (message !== undefined) expect(apiError.message).toMatch(message);
    return apiError;
  }
  throw new Error('expected an ApiError');
}

describe('status subresource and generation', () => {
  it('drops status on create, keeps it on main updates, keeps spec on /status writes', () => {
    const f = pipelineFixture();
    const deploy = f.desc('apps', 'v1', 'deployments');
    const created = createObject(f.deps, deploy, 'ns', deployment('web'), f.ctx());
    expect(created['status']).toBeUndefined();
    expect(meta(created)['generation']).toBe(1);
    const withStatus = replaceObject(f.deps, deploy, 'ns', 'web', { ...created, status: { replicas: 1 } }, f.ctx(), 'status');
    expect(withStatus['status']).toEqual({ replicas: 1 });
    expect(meta(withStatus)['generation']).toBe(1);
    const spec = withStatus['spec'] as JsonObject;
    const bumped = replaceObject(f.deps, deploy, 'ns', 'web', { ...withStatus, spec: { ...spec, replicas: 3 }, status: { replicas: 99 } }, f.ctx(), 'main');
    expect(bumped['status']).toEqual({ replicas: 1 });
    expect(meta(bumped)['generation']).toBe(2);
    const statusOnly = replaceObject(f.deps, deploy, 'ns', 'web', { ...bumped, spec: { ...spec, replicas: 7 }, status: { replicas: 3 } }, f.ctx(), 'status');
    expect((statusOnly['spec'] as JsonObject)['replicas']).toBe(3);
  });

  it('takes annotations, not labels, from a deployments/status write; other kinds keep all metadata (D18)', () => {
    const f = pipelineFixture();
    const deploy = f.desc('apps', 'v1', 'deployments');
    const created = createObject(f.deps, deploy, 'ns', deployment('web'), f.ctx());
    const revised = { ...created, metadata: { ...meta(created), annotations: { 'deployment.kubernetes.io/revision': '1' }, labels: { x: 'y' } }, status: { replicas: 1 } };
    const written = replaceObject(f.deps, deploy, 'ns', 'web', revised, f.ctx(), 'status');
    expect(meta(written)['annotations']).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(meta(written)['labels']).toBeUndefined();
    expect(meta(written)['generation']).toBe(1);
    const rsDesc = f.desc('apps', 'v1', 'replicasets');
    const rs = createObject(f.deps, rsDesc, 'ns', { ...deployment('rs'), kind: 'ReplicaSet' }, f.ctx());
    const rsWritten = replaceObject(f.deps, rsDesc, 'ns', 'rs', { ...rs, metadata: { ...meta(rs), annotations: { a: 'b' } }, status: { replicas: 1 } }, f.ctx(), 'status');
    expect(meta(rsWritten)['annotations']).toBeUndefined();
  });

  it('bumps a Deployment generation on annotation changes too', () => {
    const f = pipelineFixture();
    const deploy = f.desc('apps', 'v1', 'deployments');
    const created = createObject(f.deps, deploy, 'ns', deployment('web'), f.ctx());
    const patched = patchObject(f.deps, deploy, 'ns', 'web', 'merge', { metadata: { annotations: { a: 'b' } } }, f.ctx(), 'main');
    expect(meta(patched)['generation']).toBe(2);
    expect(meta(created)['generation']).toBe(1);
  });
});

describe('resourceVersion rules', () => {
  it('does not write a no-op update', () => {
    const f = pipelineFixture();
    const cms = f.desc('', 'v1', 'configmaps');
    const created = createObject(f.deps, cms, 'ns', { metadata: { name: 'c' }, data: { a: '1', b: '2' } }, f.ctx());
    const revision = f.deps.store.revision;
    // Same content, other key order and no resourceVersion: still nothing to write.
    const again = replaceObject(f.deps, cms, 'ns', 'c', { metadata: { name: 'c' }, data: { b: '2', a: '1' } }, f.ctx(), 'main');
    expect(f.deps.store.revision).toBe(revision);
    expect(meta(again)['resourceVersion']).toBe(meta(created)['resourceVersion']);
  });

  it('answers a stale resourceVersion with 409 and a create carrying one with 500', () => {
    const f = pipelineFixture();
    const cms = f.desc('', 'v1', 'configmaps');
    const created = createObject(f.deps, cms, 'ns', { metadata: { name: 'c' }, data: { a: '1' } }, f.ctx());
    replaceObject(f.deps, cms, 'ns', 'c', { ...created, data: { a: '2' } }, f.ctx(), 'main');
    expectApiError(() => replaceObject(f.deps, cms, 'ns', 'c', { ...created, data: { a: '3' } }, f.ctx(), 'main'), 409, 'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again');
    const err = expectApiError(() => createObject(f.deps, cms, 'ns', { metadata: { name: 'd', resourceVersion: '5' } }, f.ctx()), 500, 'resourceVersion should not be set on objects to be created');
    expect(err.toStatus()['reason']).toBeUndefined();
  });

  it('requires a resourceVersion to PUT a custom resource', () => {
    const f = pipelineFixture();
    f.serveCrd({
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
    });
    const widgets = f.desc('example.com', 'v1', 'widgets');
    createObject(f.deps, widgets, 'ns', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { a: 1 } }, f.ctx());
    expectApiError(() => replaceObject(f.deps, widgets, 'ns', 'w', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { a: 2 } }, f.ctx(), 'main'), 422, 'metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  });

  it('runs dry-run writes fully without storing anything', () => {
    const f = pipelineFixture();
    const cms = f.desc('', 'v1', 'configmaps');
    const revision = f.deps.store.revision;
    const dry = createObject(f.deps, cms, 'ns', { metadata: { name: 'c' } }, f.ctx({ dryRun: true }));
    expect(meta(dry)['uid']).toBeDefined();
    expect(meta(dry)['resourceVersion']).toBeUndefined();
    expect(f.deps.store.revision).toBe(revision);
    expectApiError(() => createObject(f.deps, cms, 'ns', { metadata: { name: 'Bad_Name' } }, f.ctx({ dryRun: true })), 422, /^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  });
});

describe('deletion', () => {
  it('keeps an object with finalizers until the last one is removed', () => {
    const f = pipelineFixture();
    const cms = f.desc('', 'v1', 'configmaps');
    createObject(f.deps, cms, 'ns', { metadata: { name: 'c', finalizers: ['x/y'] } }, f.ctx());
    const pending = deleteObject(f.deps, cms, 'ns', 'c', {}, f.ctx());
    expect(pending.code).toBe(200);
    expect(meta(pending.body)['deletionTimestamp']).toBeDefined();
    expectApiError(() => patchObject(f.deps, cms, 'ns', 'c', 'merge', { metadata: { finalizers: ['x/y', 'new/one'] } }, f.ctx(), 'main'), 422, /no new finalizers can be added/);
    patchObject(f.deps, cms, 'ns', 'c', 'json', [{ op: 'remove', path: '/metadata/finalizers' }], f.ctx(), 'main');
    expect(f.api.get({ group: '', resource: 'configmaps' }, 'ns', 'c')).toBeUndefined();
  });

  it('answers most deletes with a Status and pods with the object', () => {
    const f = pipelineFixture();
    const cms = f.desc('', 'v1', 'configmaps');
    createObject(f.deps, cms, 'ns', { metadata: { name: 'c' } }, f.ctx());
    expect(deleteObject(f.deps, cms, 'ns', 'c', {}, f.ctx()).body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'c', kind: 'configmaps' } });
    const pods = f.desc('', 'v1', 'pods');
    createObject(f.deps, pods, 'ns', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } }, f.ctx());
    expect(deleteObject(f.deps, pods, 'ns', 'p', {}, f.ctx()).body).toMatchObject({ kind: 'Pod' });
  });

  it('checks preconditions and protects system namespaces', () => {
    const f = pipelineFixture();
    const cms = f.desc('', 'v1', 'configmaps');
    createObject(f.deps, cms, 'ns', { metadata: { name: 'c' } }, f.ctx());
    expectApiError(() => deleteObject(f.deps, cms, 'ns', 'c', { preconditions: { uid: 'other' } }, f.ctx()), 409, /Precondition failed: UID in precondition: other/);
    const namespaces = f.desc('', 'v1', 'namespaces');
    f.api.create({ group: '', resource: 'namespaces' }, { metadata: { name: 'default' } });
    expectApiError(() => deleteObject(f.deps, namespaces, undefined, 'default', {}, f.ctx()), 403, 'namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('refuses new content in missing and terminating namespaces', () => {
    const f = pipelineFixture();
    const cms = f.desc('', 'v1', 'configmaps');
    expectApiError(() => createObject(f.deps, cms, 'nope', { metadata: { name: 'c' } }, f.ctx()), 404, 'namespaces "nope" not found');
    const terminated = deleteObject(f.deps, f.desc('', 'v1', 'namespaces'), undefined, 'ns', {}, f.ctx());
    expect(terminated.body['status']).toEqual({ phase: 'Terminating' });
    const err = expectApiError(() => createObject(f.deps, cms, 'ns', { metadata: { name: 'c' } }, f.ctx()), 403, 'configmaps "c" is forbidden: unable to create new content in namespace ns because it is being terminated');
    expect(err.details?.causes?.[0]?.reason).toBe('NamespaceTerminating');
  });
});

describe('lists', () => {
  it('pages a consistent snapshot with continue tokens', () => {
    const f = pipelineFixture();
    const cms = f.desc('', 'v1', 'configmaps');
    for (const name of ['a', 'b', 'c']) createObject(f.deps, cms, 'ns', { metadata: { name, labels: { tier: name === 'b' ? 'x' : 'y' } } }, f.ctx());
    const options = { labelSelector: EVERYTHING, fieldSelector: { requirements: [] } };
    const first = listObjects(f.deps, cms, 'ns', { ...options, limit: 1 });
    const firstMeta = first['metadata'] as JsonObject;
    expect(firstMeta['remainingItemCount']).toBe(2);
    createObject(f.deps, cms, 'ns', { metadata: { name: 'bb' } }, f.ctx());
    const rest = listObjects(f.deps, cms, 'ns', { ...options, continueToken: String(firstMeta['continue']) });
    expect((rest['items'] as JsonObject[]).map((o) => meta(o)['name'])).toEqual(['b', 'c']);
    expect((rest['items'] as JsonObject[])[0]?.['kind']).toBeUndefined();
    expect((rest['metadata'] as JsonObject)['resourceVersion']).toBe(firstMeta['resourceVersion']);
  });
});
