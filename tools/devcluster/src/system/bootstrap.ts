// What a fresh cluster contains: the system namespaces, the `kubernetes` Service and one Node (D25).
import type { ObjectApi } from '../api/object-api.js';

const NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const NODE_NAME = 'devcluster-node';

function ensureNode(api: ObjectApi, now: string): void {
  const nodes = { group: '', resource: 'nodes' };
  if (api.get(nodes, undefined, NODE_NAME) !== undefined) return;
  const created = api.create(nodes, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: NODE_NAME, labels: { 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'node-role.kubernetes.io/control-plane': '' } },
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
  });
  const capacity = { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  const ready = { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now };
  api.update(nodes, {
    ...created,
    status: {
      capacity,
      allocatable: capacity,
      conditions: [ready],
      addresses: [
        { type: 'InternalIP', address: '10.0.0.10' },
        { type: 'Hostname', address: NODE_NAME },
      ],
      nodeInfo: { kubeletVersion: 'v1.33.1', kubeProxyVersion: 'v1.33.1', operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'containerd://2.0.0', osImage: 'devcluster', kernelVersion: '6.1.0', machineID: '', systemUUID: '', bootID: '' },
    },
  }, 'status');
}

/**
 * Creates whatever of the bootstrap objects is missing (idempotent, so restarts keep their data):
 * the system namespaces, the `kubernetes` Service and one Ready Node for the scheduler simulation.
 */
export function bootstrapCluster(api: ObjectApi, serverPort: number, now: string): void {
  for (const name of NAMESPACES) {
    if (api.get({ group: '', resource: 'namespaces' }, undefined, name) === undefined) {
      api.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
  }
  if (api.get({ group: '', resource: 'services' }, 'default', 'kubernetes') === undefined) {
    api.create(
      { group: '', resource: 'services' },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: serverPort }], sessionAffinity: 'None' },
      },
    );
  }
  ensureNode(api, now);
}
