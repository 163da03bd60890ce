import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import type { ClusterCredentials } from '@driftless/api';
import { kubeConfigForCluster } from './cluster-kubeconfig.js';

function cluster(config: ClusterCredentials['config'], name?: string): ClusterCredentials {
  return {
    secret: { namespace: 'argocd', name: 'prod' },
    server: 'https://prod.example.com:6443',
    namespaces: [],
    clusterResources: false,
    config,
    ...(name ? { name } : {}),
  };
}

describe('kubeConfigForCluster', () => {
  it('uses the bearer token and CA data of the Secret', () => {
    const kc = kubeConfigForCluster(cluster({ bearerToken: 'tok', tlsClientConfig: { insecure: false, caData: 'Q0E=', serverName: 'api.internal' } }, 'prod'));
    expect(kc.getCurrentContext()).toBe('prod');
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://prod.example.com:6443', caData: 'Q0E=', skipTLSVerify: false, tlsServerName: 'api.internal' });
    expect(kc.getCurrentUser()).toMatchObject({ token: 'tok' });
  });

  it('passes client certificates, basic auth and insecure through', () => {
    const kc = kubeConfigForCluster(
      cluster({ username: 'u', password: 'p', tlsClientConfig: { insecure: true, certData: 'Q0VSVA==', keyData: 'S0VZ' } }),
    );
    expect(kc.getCurrentContext()).toBe('https://prod.example.com:6443');
    expect(kc.getCurrentCluster()?.skipTLSVerify).toBe(true);
    expect(kc.getCurrentUser()).toMatchObject({ username: 'u', password: 'p', certData: 'Q0VSVA==', keyData: 'S0VZ' });
  });

  it('configures an exec credential plugin', () => {
    const kc = kubeConfigForCluster(
      cluster({ tlsClientConfig: { insecure: false }, execProviderConfig: { command: 'get-token', args: ['--x'], env: { A: '1' } } }),
    );
    expect(kc.getCurrentUser()?.exec).toEqual({
      command: 'get-token',
      args: ['--x'],
      env: [{ name: 'A', value: '1' }],
      apiVersion: 'client.authentication.k8s.io/v1beta1',
    });
  });

  it('refuses AWS IAM auth with a message naming the Secret', () => {
    const build = (): unknown => kubeConfigForCluster(cluster({ tlsClientConfig: { insecure: false }, awsAuthConfig: { clusterName: 'eks' } }));
    expect(build).toThrow(InvalidInputError);
    expect(build).toThrow('secret argocd/prod: data.config.awsAuthConfig: AWS IAM authentication is not supported');
  });
});
