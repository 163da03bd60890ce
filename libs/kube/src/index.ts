// Public API of @driftless/kube: cluster access through @kubernetes/client-node.
export * from './config/cluster-kubeconfig.js';
