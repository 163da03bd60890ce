// refresh turns every failure into a condition, with plain-data ports.
import { describe, expect, it } from '@jest/globals';
import { InvalidInputError, NotFoundError, UnavailableError } from '@driftless/api';
import type { Application } from '@driftless/api';
import { REPO, SHA, application, deployment, fakeEngine, liveConfigMap, liveDeployment } from './fake-ports.js';

describe('refresh: every failure becomes a condition and leaves sync Unknown', () => {
  it.each([
    {
      name: 'an invalid spec',
      app: application({ destination: { namespace: 'prod' } }),
      fakes: {},
      type: 'InvalidSpecError',
      message: 'spec.destination.server: required: set exactly one of server or name',
    },
    {
      name: 'something that is not an Application at all',
      app: { metadata: {} } as unknown as Application,
      fakes: {},
      type: 'InvalidSpecError',
      message: 'kind: must be Application',
    },
    {
      name: 'an unreachable repository',
      app: application(),
      fakes: { resolve: () => Promise.reject(new UnavailableError(`cannot reach ${REPO}: connect ECONNREFUSED 127.0.0.1:1`)) },
      type: 'ComparisonError',
      message: `Failed to load target state: cannot reach ${REPO}: connect ECONNREFUSED 127.0.0.1:1`,
    },
    {
      name: 'a missing revision',
      app: application(),
      fakes: { resolve: () => Promise.reject(new NotFoundError(`revision main not found in ${REPO}`)) },
      type: 'ComparisonError',
      message: `Failed to load target state: revision main not found in ${REPO}`,
    },
    {
      name: 'a render error naming file and line',
      app: application(),
      fakes: { render: () => Promise.reject(new InvalidInputError('guestbook/web.yaml:3: malformed YAML')) },
      type: 'ComparisonError',
      message: 'Failed to load target state: guestbook/web.yaml:3: malformed YAML',
    },
    {
      name: 'a Helm chart repository source',
      app: application({ source: { repoURL: 'https://charts.example.com', chart: 'redis', targetRevision: '1.0.0' } }),
      fakes: {},
      type: 'ComparisonError',
      message: 'Failed to load target state: Helm chart repositories are not supported yet (chart redis from https://charts.example.com)',
    },
    {
      name: 'a live state that cannot be listed',
      app: application(),
      fakes: { listManaged: () => Promise.reject(new UnavailableError('cluster https://kubernetes.default.svc is unreachable')) },
      type: 'ComparisonError',
      message: 'Failed to load live state: cluster https://kubernetes.default.svc is unreachable',
    },
    {
      name: 'an invalid ignoreDifferences jq expression',
      app: application({ ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec.[[['] }] }),
      fakes: { rendered: { [SHA]: [deployment()] }, live: [liveDeployment()] },
      type: 'ComparisonError',
      message: expect.stringMatching(/^Failed to compare desired state to live state: Deployment\/web: /) as unknown as string,
    },
    {
      name: 'an unexpected bug in a port',
      app: application(),
      fakes: {
        rendered: { [SHA]: [deployment()] },
        isNamespaced: () => {
          throw new Error('discovery exploded');
        },
      },
      type: 'UnknownError',
      message: 'discovery exploded',
    },
  ])('$name', async ({ app, fakes, type, message }) => {
    const { engine } = fakeEngine(fakes);
    const result = await engine.refresh(app);
    expect(result.conditions).toEqual([{ type, message, lastTransitionTime: '2026-05-01T12:00:00Z' }]);
    expect(result.sync.status).toBe('Unknown');
    expect(result.reconciledAt).toBe('2026-05-01T12:00:00Z');
  });

  it('reports the resolved revision and removes the checkout when rendering fails', async () => {
    const { engine, cleaned } = fakeEngine({ render: () => Promise.reject(new InvalidInputError('guestbook/web.yaml:3: malformed YAML')) });
    const result = await engine.refresh(application());
    expect(result.sync).toMatchObject({ status: 'Unknown', revision: SHA });
    expect(result.health).toEqual({ status: 'Unknown' });
    expect(cleaned).toEqual(['/fake/tmp-1']);
  });

  it('still reports tracked live resources and their health, with sync Unknown and nothing to prune', async () => {
    const { engine, requests } = fakeEngine({
      resolve: () => Promise.reject(new NotFoundError(`revision main not found in ${REPO}`)),
      live: [liveDeployment(), liveConfigMap('settings', {})],
    });
    const result = await engine.refresh(application());
    expect(requests.map((r) => r.desired)).toEqual([[]]);
    expect(result.health).toEqual({ status: 'Healthy' });
    expect(result.sync).toEqual({ status: 'Unknown', comparedTo: { source: application().spec.source, destination: application().spec.destination } });
    expect(result.resources).toEqual([
      { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'prod', name: 'settings', status: 'Unknown', syncWave: 0 },
      { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web', status: 'Unknown', health: { status: 'Healthy' }, syncWave: 0 },
    ]);
    expect(result.conditions.map((c) => c.type)).toEqual(['ComparisonError']);
  });

  it('reports both a failed target and a failed live state', async () => {
    const { engine } = fakeEngine({
      resolve: () => Promise.reject(new NotFoundError(`revision main not found in ${REPO}`)),
      listManaged: () => Promise.reject(new Error('watch cache not ready')),
    });
    const result = await engine.refresh(application());
    expect(result.conditions.map((c) => c.message)).toEqual([`Failed to load target state: revision main not found in ${REPO}`, 'Failed to load live state: watch cache not ready']);
    expect(result.health).toEqual({ status: 'Unknown' });
  });
});
