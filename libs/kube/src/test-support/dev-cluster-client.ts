// Test support: a dev cluster's KubeConfig, fresh namespaces and a CRD installed through the
// generic client. Used by the integration tests only; not exported by the package.
import { randomUUID } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import type { UnstructuredObject } from '@driftless/api';
import type { ResourceClient } from '../resources/resource-client.js';

/** The KubeConfig of a dev cluster's kubeconfig YAML. */
export function kubeConfigFrom(yaml: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(yaml);
  return kc;
}

/** A KubeConfig pointing at `server` with a placeholder token (e.g. a closed port). */
export function kubeConfigForServer(server: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return kc;
}

/** Creates a namespace with a unique `test-…` name and returns the name. */
export async function freshNamespace(client: ResourceClient): Promise<string> {
  const name = `test-${randomUUID().slice(0, 8)}`;
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

/** A namespaced CRD `<plural>.example.com`, kind `kind`, version v1, with an integer `spec.size`. */
export function crdManifest(kind: string, plural: string): UnstructuredObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' }, color: { type: 'string' } } } } } },
        },
      ],
    },
  };
}
