// HTTP details clients depend on, checked with plain fetch: faults, watch options, tables, protocol errors.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../runtime/clock.js';
import { eventually } from '../testing/eventually.js';
import { startDevCluster } from './start-dev-cluster.js';
import type { DevCluster } from './start-dev-cluster.js';

let cluster: DevCluster;
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

beforeAll(async () => {
  cluster = await startDevCluster({ controllers: [] });
});

afterAll(async () => {
  await cluster.stop();
});

async function json(path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${cluster.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe('fault injection', () => {
  it('answers with the injected status, then recovers when cleared', async () => {
    cluster.faults.set({ errorRate: { status: 429, share: 1 } });
    const limited = await json('/api/v1/namespaces');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await json('/version')).status).toBe(200);
    cluster.faults.clear();
    expect((await json('/api/v1/namespaces')).status).toBe(200);
  });

  it('holds resource requests for latencyMs of the cluster clock; /version is not delayed', async () => {
    const clock = new ManualClock();
    const slow = await startDevCluster({ clock, controllers: [] });
    try {
      await slow.waitForIdle();
      slow.faults.set({ latencyMs: 5000 });
      const before = clock.scheduled;
      let answered = false;
      const request = fetch(`${slow.url}/api/v1/namespaces`).then((res) => {
        answered = true;
        return res.status;
      });
      // The request is parked on the clock: nothing but advance() can release it.
      await eventually(() => clock.scheduled, (n) => n > before);
      expect((await fetch(`${slow.url}/version`)).status).toBe(200);
      expect(answered).toBe(false);
      clock.advance(5000);
      expect(await request).toBe(200);
    } finally {
      await slow.stop();
    }
  });

  it('drops watches after the configured time', async () => {
    cluster.faults.set({ dropWatchesAfterMs: 50 });
    const res = await fetch(`${cluster.url}/api/v1/namespaces?watch=true`);
    const text = await res.text(); // resolves only because the server ends the stream
    expect(text.split('\n').filter((l) => l !== '').length).toBeGreaterThan(0);
    cluster.faults.clear();
  });
});

describe('watch options', () => {
  it('refuses sendInitialEvents with 422 so reflectors fall back to list+watch (D8)', async () => {
    const res = await json('/api/v1/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true');
    expect(res.status).toBe(422);
    expect(String(res.body['message'])).toContain('sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled');
  });

  it('closes after timeoutSeconds and filters by label selector with transitions', async () => {
    const rv = String(((await json('/api/v1/namespaces/default/configmaps')).body['metadata'] as Record<string, string>)['resourceVersion']);
    const stream = fetch(`${cluster.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}&labelSelector=team%3Dblue&timeoutSeconds=1`).then((r) => r.text());
    const post = (body: unknown, method = 'POST', path = ''): Promise<unknown> =>
      fetch(`${cluster.url}/api/v1/namespaces/default/configmaps${path}`, { method, headers: { 'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' }, body: JSON.stringify(body) });
    await post({ metadata: { name: 'sel', labels: { team: 'red' } } });
    await post({ metadata: { labels: { team: 'blue' } } }, 'PATCH', '/sel');
    await post({ metadata: { labels: { team: 'green' } } }, 'PATCH', '/sel');
    const events = (await stream).trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    expect(events).toEqual(['ADDED', 'DELETED']);
  });
});

describe('tables and protocol errors', () => {
  it('prints Tables whose rows carry PartialObjectMetadata', async () => {
    const table = await json('/api/v1/namespaces', { headers: { Accept: TABLE } });
    expect(table.body['kind']).toBe('Table');
    expect((table.body['columnDefinitions'] as { name: string }[]).map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    const row = (table.body['rows'] as { cells: unknown[]; object: Record<string, unknown> }[])[0];
    expect(row?.object['kind']).toBe('PartialObjectMetadata');
    expect(row?.cells[1]).toBe('Active');
  });

  it('answers protobuf-only Accept with 406 and unknown paths with 404', async () => {
    expect((await json('/api/v1/namespaces', { headers: { Accept: 'application/vnd.kubernetes.protobuf' } })).status).toBe(406);
    expect((await json('/apis/example.com/v1/nothings')).status).toBe(404);
  });

  it('server-side applies: creates with 201, requires a fieldManager, reports conflicts with causes', async () => {
    const apply = (manager: string, value: string, force = false): Promise<{ status: number; body: Record<string, unknown> }> =>
      json(`/api/v1/namespaces/default/configmaps/ssa?${manager === '' ? '' : `fieldManager=${manager}`}${force ? '&force=true' : ''}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/apply-patch+yaml' },
        body: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\ndata: {k: "${value}"}\n`,
      });
    expect((await apply('', '1')).status).toBe(422);
    const created = await apply('alice', '1');
    expect(created.status).toBe(201);
    expect((created.body['metadata'] as Record<string, unknown>)['managedFields']).toMatchObject([{ manager: 'alice', operation: 'Apply', fieldsV1: { 'f:data': { 'f:k': {} } } }]);
    const conflicted = await apply('bob', '2');
    expect(conflicted.status).toBe(409);
    expect(conflicted.body).toMatchObject({ reason: 'Conflict', message: 'Apply failed with 1 conflict: conflict with "alice": .data.k', details: { causes: [{ reason: 'FieldManagerConflict', field: '.data.k' }] } });
    expect((await apply('bob', '2', true)).status).toBe(200);
  });

  it('deletes custom resources with their CRD', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'things.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'things', kind: 'Thing' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
    };
    await json('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(crd) });
    await cluster.waitForIdle();
    const created = await json('/apis/example.com/v1/namespaces/default/things', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' } }) });
    expect(created.status).toBe(201);
    const deleting = await json('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/things.example.com', { method: 'DELETE' });
    expect((deleting.body['metadata'] as Record<string, unknown>)['finalizers']).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
    await eventually(async () => (await json('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/things.example.com')).status, (s) => s === 404);
    expect(cluster.store.list({ group: 'example.com', resource: 'things' })).toEqual([]);
    expect((await json('/apis/example.com/v1/things')).status).toBe(404);
  });
});
