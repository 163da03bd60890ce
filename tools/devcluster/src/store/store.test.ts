import { describe, expect, it } from '@jest/globals';
import { Store } from './store.js';
import type { StoreEvent } from './store-types.js';

const CM = { group: '', resource: 'configmaps' };
const ref = (namespace: string, name: string) => ({ ...CM, namespace, name });
const cm = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data });

describe('Store', () => {
  it('gives every write the next global revision and hands out copies', () => {
    const store = new Store();
    const a = store.create(ref('ns', 'a'), cm('a'));
    const b = store.create({ group: 'apps', resource: 'deployments', namespace: 'ns', name: 'b' }, { metadata: { name: 'b' } });
    expect(b.modRevision).toBe(a.modRevision + 1);
    expect(a.object['metadata']).toMatchObject({ resourceVersion: String(a.modRevision) });
    const read = store.get(ref('ns', 'a'));
    (read?.object['data'] as Record<string, string>)['x'] = 'mutated';
    expect(store.get(ref('ns', 'a'))?.object['data']).toEqual({});
  });

  it('treats an identical update as a no-op: no revision, no event', () => {
    const store = new Store();
    store.create(ref('ns', 'a'), cm('a', { k: 'v' }));
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    const before = store.revision;
    const result = store.update(ref('ns', 'a'), { ...cm('a', { k: 'v' }), metadata: { name: 'a', namespace: 'ns', resourceVersion: '999' } });
    expect(result.changed).toBe(false);
    expect(store.revision).toBe(before);
    expect(events).toHaveLength(0);
  });

  it('refuses a stale compare-and-swap and duplicate creates', () => {
    const store = new Store();
    const first = store.create(ref('ns', 'a'), cm('a'));
    store.update(ref('ns', 'a'), cm('a', { k: '1' }), first.modRevision);
    expect(() => store.update(ref('ns', 'a'), cm('a', { k: '2' }), first.modRevision)).toThrow(/Conflict/);
    expect(() => store.create(ref('ns', 'a'), cm('a'))).toThrow(/AlreadyExists/);
    expect(() => store.delete(ref('ns', 'missing'))).toThrow(/NotFound/);
  });

  it('lists sorted by namespace then name', () => {
    const store = new Store();
    for (const [ns, name] of [['b', 'x'], ['a-b', 'y'], ['a', 'z'], ['a', 'c']] as const) store.create(ref(ns, name), cm(name));
    expect(store.list(CM).map((s) => `${s.ref.namespace}/${s.ref.name}`)).toEqual(['a/c', 'a/z', 'a-b/y', 'b/x']);
    expect(store.list(CM, 'a').map((s) => s.ref.name)).toEqual(['c', 'z']);
  });

  it('rebuilds a past revision for continue tokens and forgets it after compaction', () => {
    const store = new Store({ eventHistoryLimit: 3 });
    store.create(ref('ns', 'a'), cm('a', { v: '1' }));
    const snapshot = store.revision;
    store.update(ref('ns', 'a'), cm('a', { v: '2' }));
    store.create(ref('ns', 'b'), cm('b'));
    store.delete(ref('ns', 'a'));
    const past = store.listAt(CM, snapshot);
    expect(past?.map((s) => [s.ref.name, s.object['data'], s.modRevision])).toEqual([['a', { v: '1' }, snapshot]]);
    store.create(ref('ns', 'c'), cm('c'));
    expect(store.listAt(CM, snapshot)).toBeUndefined();
    expect(store.eventsSince(snapshot)).toBeUndefined();
    expect(store.eventsSince(store.revision - 1)?.map((e) => e.type)).toEqual(['ADDED']);
  });

  it('reports DELETED with the last state at the deletion revision', () => {
    const store = new Store();
    store.create(ref('ns', 'a'), cm('a', { k: 'v' }));
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    const deleted = store.delete(ref('ns', 'a'));
    expect(events[0]?.type).toBe('DELETED');
    expect(events[0]?.object()['data']).toEqual({ k: 'v' });
    expect((events[0]?.object()['metadata'] as Record<string, string>)['resourceVersion']).toBe(String(deleted.modRevision));
  });

  it('compacts everything on demand', () => {
    const store = new Store();
    store.create(ref('ns', 'a'), cm('a'));
    store.compactAll();
    expect(store.eventsSince(1)).toBeUndefined();
    expect(store.eventsSince(store.revision)).toEqual([]);
  });
});
