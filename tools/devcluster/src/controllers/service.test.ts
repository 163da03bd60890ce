// LoadBalancer Services and Endpoints: an address after the delay or never, and endpoints that follow
// pod readiness through named target ports.
import { describe, expect, it } from '@jest/globals';
import { builtinControllers } from './index.js';
import { objectAt, objectsAt } from './json-fields.js';
import { ENDPOINTS, SERVICES } from './resource-types.js';
import { FakeCluster } from './testing/fake-cluster.js';
import { loadFixture, loadObject } from './testing/fixtures.js';

function cluster(): FakeCluster {
  const c = new FakeCluster({ controllers: builtinControllers() });
  c.create(...loadFixture('nodes-three.yaml'));
  return c;
}

const loadBalancers = [
  { fixture: 'service-loadbalancer-healthy.yaml', name: 'public', at: 400, expected: undefined },
  { fixture: 'service-loadbalancer-healthy.yaml', name: 'public', at: 500, expected: { ingress: [{ ip: '127.0.0.1', ipMode: 'VIP' }] } },
  { fixture: 'service-loadbalancer-pending.yaml', name: 'pending', at: 3_600_000, expected: undefined },
];

describe('load balancer controller', () => {
  it.each(loadBalancers)('$fixture at $at ms has ingress $expected', ({ fixture, name, at, expected }) => {
    const c = cluster();
    c.create(loadObject(fixture));
    c.advance(at);
    const loadBalancer = objectAt(c.get(SERVICES, 'default', name), 'status', 'loadBalancer');
    expect(loadBalancer?.['ingress'] === undefined ? undefined : loadBalancer).toEqual(expected);
  });

  it('honours lb-after-ms and drops the address when the type changes', () => {
    const c = cluster();
    const service = loadObject('service-loadbalancer-healthy.yaml');
    service.metadata['annotations'] = { 'devcluster.driftless.io/lb-after-ms': '2000' };
    c.create(service);
    c.advance(1999);
    expect(objectsAt(c.get(SERVICES, 'default', 'public'), 'status', 'loadBalancer', 'ingress')).toEqual([]);
    c.advance(1);
    expect(objectsAt(c.get(SERVICES, 'default', 'public'), 'status', 'loadBalancer', 'ingress')).toHaveLength(1);
    c.edit(SERVICES, 'default', 'public', (s) => {
      s['spec'] = { ...objectAt(s, 'spec'), type: 'ClusterIP' };
    });
    expect(objectAt(c.get(SERVICES, 'default', 'public'), 'status')).toEqual({ loadBalancer: {} });
  });
});

describe('endpoints controller', () => {
  it('lists not-ready pods first, then ready ones, on the resolved target port', () => {
    const c = cluster();
    c.create(loadObject('service-web.yaml'), loadObject('deployment-healthy.yaml'));
    const pending = c.get(ENDPOINTS, 'default', 'web');
    expect(pending?.metadata['labels']).toEqual({ app: 'web' });
    expect(objectsAt(pending, 'subsets')).toEqual([
      { notReadyAddresses: expect.arrayContaining([expect.objectContaining({ targetRef: expect.objectContaining({ kind: 'Pod' }) })]), ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
    ]);
    c.advance(1000);
    const [subset] = objectsAt(c.get(ENDPOINTS, 'default', 'web'), 'subsets');
    expect(subset?.['notReadyAddresses']).toBeUndefined();
    expect(objectsAt(subset, 'addresses').map((a) => a['ip'])).toEqual(['10.244.1.2', '10.244.2.2', '10.244.3.2']);
    expect(objectsAt(subset, 'addresses')[0]).toMatchObject({ nodeName: 'devcluster-node-1', targetRef: { kind: 'Pod', namespace: 'default' } });
  });

  it('deletes the Endpoints with the Service', () => {
    const c = cluster();
    c.create(loadObject('service-web.yaml'));
    expect(c.get(ENDPOINTS, 'default', 'web')).toMatchObject({ metadata: { name: 'web' } });
    c.remove(SERVICES, 'default', 'web');
    expect(c.get(ENDPOINTS, 'default', 'web')).toBeUndefined();
  });
});
