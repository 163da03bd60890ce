import { describe, expect, it } from '@jest/globals';
import { pipelineFixture } from '../api/testing/pipeline-fixture.js';
import type { Controller } from '../controllers/controller.js';
import { silentLogger } from '../server/logger.js';
import { ControllerRunner } from './controller-runner.js';
import { adaptController } from './pure-controller.js';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };

/** Copies data.source into a sibling ConfigMap `<name>-copy`, then asks to run again after a minute. */
const copier: Controller = {
  name: 'copier',
  primary: CONFIGMAPS,
  owns: [],
  reconcile(key, view) {
    if (key.name.endsWith('-copy')) return [];
    const source = view.get(CONFIGMAPS, key.namespace, key.name);
    if (source === undefined) return [];
    const copy = view.get(CONFIGMAPS, key.namespace, `${key.name}-copy`);
    const data = source['data'] ?? {};
    if (copy === undefined) {
      return [
        { type: 'create', resource: CONFIGMAPS, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${key.name}-copy`, namespace: key.namespace ?? '' }, data } },
        { type: 'requeueAfter', delayMs: 60_000 },
      ];
    }
    if (JSON.stringify(copy['data']) === JSON.stringify(data)) return [{ type: 'requeueAfter', delayMs: 60_000 }];
    return [{ type: 'update', resource: CONFIGMAPS, object: { ...copy, data } }];
  },
};

describe('ControllerRunner', () => {
  it('reconciles store events through the pipeline and honours requeues on the injected clock', async () => {
    const f = pipelineFixture();
    const runner = new ControllerRunner({ store: f.deps.store, clock: f.clock, logger: silentLogger });
    let passes = 0;
    const adapted = adaptController(copier, f.api.as('copier'), f.clock);
    runner.register({ ...adapted, reconcile: (key) => (passes++, adapted.reconcile(key)) });
    runner.start();
    f.api.create(CONFIGMAPS, { metadata: { name: 'a', namespace: 'ns' }, data: { k: '1' } });
    await runner.waitForIdle();
    const copy = f.api.get(CONFIGMAPS, 'ns', 'a-copy');
    expect(copy?.['data']).toEqual({ k: '1' });
    expect((copy?.['metadata'] as Record<string, unknown>)['managedFields']).toMatchObject([{ manager: 'copier', operation: 'Update' }]);
    const before = passes;
    f.clock.advance(59_000);
    await runner.waitForIdle();
    expect(passes).toBe(before);
    f.clock.advance(1_000);
    await runner.waitForIdle();
    expect(passes).toBeGreaterThan(before);
    runner.stop();
  });
});
