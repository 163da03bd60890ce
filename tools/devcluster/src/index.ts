// Public API of @driftless/devcluster: a Kubernetes-API-compatible server for development and tests.
export * from './model/json.js';
export * from './model/kube-object.js';
