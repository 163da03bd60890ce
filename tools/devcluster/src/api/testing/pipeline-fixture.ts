// Test helper: an in-process pipeline (store, registry, manual clock) without HTTP or controllers.
import type { JsonObject } from '../../model/json.js';
import { descriptorsFromCrd } from '../../registry/crd-descriptors.js';
import type { ResourceDescriptor } from '../../registry/descriptor.js';
import { Registry } from '../../registry/registry.js';
import { ManualClock } from '../../runtime/clock.js';
import { Store } from '../../store/store.js';
import type { ApiDeps, RequestContext } from '../api-context.js';
import { defaultPatcher } from '../default-patcher.js';
import { ObjectApi } from '../object-api.js';

/** A pipeline with namespace `ns` created. */
export interface PipelineFixture {
  readonly deps: ApiDeps;
  readonly api: ObjectApi;
  readonly clock: ManualClock;
  desc(group: string, version: string, resource: string): ResourceDescriptor;
  ctx(overrides?: Partial<RequestContext>): RequestContext;
  /** Serves a CRD's resources directly (no controller). */
  serveCrd(crd: JsonObject): void;
}

/** Builds a fresh pipeline fixture. */
export function pipelineFixture(): PipelineFixture {
  const clock = new ManualClock();
  const registry = new Registry();
  let uid = 0;
  const deps: ApiDeps = { store: new Store(), registry, clock, patcher: defaultPatcher, newUid: () => `uid-${++uid}`, rootCaPem: '' };
  const api = new ObjectApi(deps, 'test');
  api.create({ group: '', resource: 'namespaces' }, { metadata: { name: 'ns' } });
  return {
    deps,
    api,
    clock,
    desc(group, version, resource) {
      const d = registry.lookup(group, version, resource);
      if (d === undefined) throw new Error(`no ${group}/${version}/${resource}`);
      return d;
    },
    ctx: (overrides = {}) => ({ dryRun: false, fieldManager: 'test', fieldValidation: 'Strict', warnings: [], ...overrides }),
    serveCrd: (crd) => registry.setCrd(String((crd['metadata'] as JsonObject)['name']), descriptorsFromCrd(crd)),
  };
}
