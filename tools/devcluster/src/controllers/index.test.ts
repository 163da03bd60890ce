// The controller set handed to the runner: unique names, and options reaching the controllers.
import { describe, expect, it } from '@jest/globals';
import { builtinControllers } from './index.js';
import { objectsAt } from './json-fields.js';
import { PODS, SERVICES } from './resource-types.js';
import { FakeCluster } from './testing/fake-cluster.js';
import { loadFixture, loadObject } from './testing/fixtures.js';

describe('builtinControllers', () => {
  it('has one uniquely named controller per concern', () => {
    const names = builtinControllers().map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['deployment', 'replicaset', 'statefulset', 'daemonset', 'daemonset-nodes', 'job', 'kubelet', 'service-lb', 'endpoints', 'endpoints-pods']);
  });

  it('passes kubelet and load-balancer options through', () => {
    const c = new FakeCluster({ controllers: builtinControllers({ pods: { readyDelayMs: 5000 }, services: { loadBalancerDelayMs: 0, loadBalancerIP: '10.0.0.1' } }) });
    c.create(...loadFixture('nodes-three.yaml'), loadObject('pod-bare.yaml'), loadObject('service-loadbalancer-healthy.yaml'));
    c.advance(4000);
    expect(objectsAt(c.get(PODS, 'default', 'app'), 'status', 'conditions').find((x) => x['type'] === 'Ready')?.['status']).toBe('False');
    expect(objectsAt(c.get(SERVICES, 'default', 'public'), 'status', 'loadBalancer', 'ingress')).toEqual([{ ip: '10.0.0.1', ipMode: 'VIP' }]);
  });
});
