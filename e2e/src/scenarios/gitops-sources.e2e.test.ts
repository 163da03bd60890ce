// Scenarios of issue 6: Applications of each source type (directory, Kustomize, Helm) and an app of
// apps, applied with kubectl and synced by the worker loop, as an Argo CD user would see them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'yaml';
import type { Application } from '@driftless/api';
import type { ServedRepo } from '@driftless/testing';
import {
  IN_CLUSTER,
  appJsonpath,
  applicationYaml,
  objectJsonpath,
  readApplication,
  requestOperation,
  requestRefresh,
  waitForApplication,
  waitForSyncHealthPhase,
} from '../support/applications.js';
import { ARGOCD_NAMESPACE, startGitOpsPlatform } from '../support/gitops-platform.js';
import type { GitOpsPlatform } from '../support/gitops-platform.js';
import { DEVCLUSTER_FAIL, configMapYaml, deploymentYaml } from '../support/manifests.js';

const CHART = {
  'greeter/Chart.yaml': stringify({ apiVersion: 'v2', name: 'greeter', version: '0.1.0' }),
  'greeter/values.yaml': stringify({ replicas: 1, greeting: 'hello', image: { repository: 'nginx', tag: '1.25' } }),
  'greeter/templates/configmap.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}-config',
    '  labels:',
    '    app.kubernetes.io/name: {{ .Chart.Name }}',
    'data:',
    '  greeting: {{ .Values.greeting | quote }}',
    '',
  ].join('\n'),
  'greeter/templates/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}-web',
    '  labels:',
    '    app.kubernetes.io/name: {{ .Chart.Name }}',
    'spec:',
    '  replicas: {{ .Values.replicas }}',
    '  selector:',
    '    matchLabels:',
    '      app: {{ .Release.Name }}-web',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: {{ .Release.Name }}-web',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '',
  ].join('\n'),
};

const KUSTOMIZE = {
  'shop/kustomization.yaml': stringify({ namePrefix: 'dev-', commonLabels: { team: 'shop' }, resources: ['settings.yaml', 'web.yaml'] }),
  'shop/settings.yaml': configMapYaml('settings', { mode: 'kustomized' }),
  'shop/web.yaml': deploymentYaml('web'),
};

const DIRECTORY = {
  'plain/settings.yaml': configMapYaml('settings', { mode: 'plain' }),
  'plain/web.yaml': deploymentYaml('web', { replicas: 2 }),
};

let platform: GitOpsPlatform;

beforeAll(async () => {
  platform = await startGitOpsPlatform({ name: 'sources' });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

describe('Given a directory app, a Kustomize app and a Helm app applied with kubectl', () => {
  let repo: ServedRepo;
  let head: string;
  const namespaces = { plain: '', kustomize: '', helm: '' };

  beforeAll(async () => {
    repo = await platform.repo('sources', { ...DIRECTORY, ...KUSTOMIZE, ...CHART });
    head = await repo.head();
    namespaces.plain = await platform.namespace('plain');
    namespaces.kustomize = await platform.namespace('kustomize');
    namespaces.helm = await platform.namespace('helm');
    await platform.apply([
      applicationYaml('plain', { project: 'default', source: { repoURL: repo.url, path: 'plain', targetRevision: 'main' }, destination: { server: IN_CLUSTER, namespace: namespaces.plain } }),
      applicationYaml('kustomized', {
        project: 'default',
        source: { repoURL: repo.url, path: 'shop', targetRevision: 'main' },
        destination: { server: IN_CLUSTER, namespace: namespaces.kustomize },
        syncPolicy: { automated: {} },
      }),
      applicationYaml('greeter', {
        project: 'default',
        source: {
          repoURL: repo.url,
          path: 'greeter',
          targetRevision: 'main',
          helm: { valuesObject: { replicas: 2, greeting: 'hola' }, parameters: [{ name: 'image.tag', value: '1.27.3' }] },
        },
        destination: { name: 'in-cluster', namespace: namespaces.helm },
      }),
    ].join('---\n'));
  }, 60_000);

  describe('when the manual apps get a sync operation (as `argocd app sync` writes it) and the Kustomize app syncs itself', () => {
    beforeAll(async () => {
      // The manual apps are compared first, so the operation finds them known.
      await Promise.all(['plain', 'greeter'].map((name) => waitForApplication(platform, name, 'is compared', (app) => app.status?.sync?.status === 'OutOfSync')));
      await Promise.all(['plain', 'greeter'].map((name) => requestOperation(platform, name)));
      await Promise.all(['plain', 'kustomized', 'greeter'].map((name) => waitForSyncHealthPhase(platform, name, 'Synced/Healthy/Succeeded')));
    }, 120_000);

    it('then each is Synced and Healthy at the commit, with the source type Argo detects', async () => {
      for (const [name, sourceType] of [['plain', 'Directory'], ['kustomized', 'Kustomize'], ['greeter', 'Helm']] as const) {
        expect(await appJsonpath(platform, name, '{.status.sync.revision} {.status.sourceType} {.status.history[0].revision}')).toBe(`${head} ${sourceType} ${head}`);
      }
    });

    it('then kubectl shows the directory app\'s objects as written', async () => {
      expect(await objectJsonpath(platform, 'configmap', namespaces.plain, 'settings', '{.data.mode}')).toBe('plain');
      expect(await objectJsonpath(platform, 'deployment', namespaces.plain, 'web', '{.spec.replicas}/{.status.readyReplicas}')).toBe('2/2');
    });

    it('then kubectl shows the Kustomize app\'s objects with the name prefix and the common labels', async () => {
      expect(await objectJsonpath(platform, 'configmap', namespaces.kustomize, 'dev-settings', '{.metadata.labels.team} {.data.mode}')).toBe('shop kustomized');
      expect(await objectJsonpath(platform, 'deployment', namespaces.kustomize, 'dev-web', '{.metadata.labels.team} {.spec.selector.matchLabels.team} {.spec.template.metadata.labels.team}')).toBe('shop shop shop');
      expect(await objectJsonpath(platform, 'configmap', namespaces.kustomize, 'settings', '{.metadata.name}')).toBeUndefined();
      const app = await readApplication(platform, 'kustomized');
      expect(app.status?.operationState?.operation.initiatedBy).toEqual({ automated: true });
    });

    it('then kubectl shows the Helm app\'s objects named after the release, with valuesObject and parameters applied', async () => {
      expect(await objectJsonpath(platform, 'configmap', namespaces.helm, 'greeter-config', '{.data.greeting} {.metadata.labels.app\\.kubernetes\\.io/name}')).toBe('hola greeter');
      expect(await objectJsonpath(platform, 'deployment', namespaces.helm, 'greeter-web', '{.spec.replicas} {.spec.template.spec.containers[0].image} {.status.readyReplicas}')).toBe('2 nginx:1.27.3 2');
      const app = await readApplication(platform, 'greeter');
      expect(app.status?.resources?.map((r) => `${r.kind}/${r.name}=${r.status ?? ''}/${r.health?.status ?? ''}`).sort()).toEqual(['ConfigMap/greeter-config=Synced/', 'Deployment/greeter-web=Synced/Healthy']);
    });
  });
});

describe('Given an app of apps: a parent whose directory holds two child Applications with automated sync', () => {
  let repo: ServedRepo;
  const children = ['child-a', 'child-b'] as const;

  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (const child of children) {
      const namespace = await platform.namespace(child);
      files[`apps/${child}.yaml`] = '# a child of the parent app\n' + applicationYaml(child, {
        project: 'default',
        source: { repoURL: '@REPO@', path: child, targetRevision: 'main' },
        destination: { server: IN_CLUSTER, namespace },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      });
      files[`${child}/settings.yaml`] = configMapYaml('settings', { owner: child });
      files[`${child}/web.yaml`] = deploymentYaml('web');
    }
    // The repository URL is only known once the bare repository exists: write the children after it.
    repo = await platform.repo('apps', { 'README.md': 'app of apps\n' });
    await repo.commit(Object.fromEntries(Object.entries(files).map(([file, text]) => [file, text.replace('@REPO@', repo.url)])), 'app of apps');
    await repo.push();
    await platform.apply(applicationYaml('parent', {
      project: 'default',
      source: { repoURL: repo.url, path: 'apps', targetRevision: 'main' },
      destination: { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE },
    }));
  }, 60_000);

  describe('when the parent is synced', () => {
    beforeAll(async () => {
      await waitForApplication(platform, 'parent', 'is compared', (app) => app.status?.sync?.status === 'OutOfSync');
      await requestOperation(platform, 'parent');
    }, 120_000);

    it('then the parent\'s sync creates both children, which sync themselves: all Synced and Healthy', async () => {
      await waitForSyncHealthPhase(platform, 'parent', 'Synced/Healthy/Succeeded');
      for (const child of children) {
        await waitForSyncHealthPhase(platform, child, 'Synced/Healthy/Succeeded');
        const app = await readApplication(platform, child);
        expect(app.status?.operationState?.operation.initiatedBy).toEqual({ automated: true });
        const namespace = app.spec.destination.namespace ?? '';
        expect(await objectJsonpath(platform, 'configmap', namespace, 'settings', '{.data.owner}')).toBe(child);
      }
      const parent = await waitForApplication(platform, 'parent', 'shows both children Healthy', (app) =>
        app.status?.health?.status === 'Healthy' && (app.status.resources ?? []).filter((r) => r.health?.status === 'Healthy').length === 2);
      expect(parent.status?.resources?.map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name ?? ''}=${r.status ?? ''}`)).toEqual([
        'Application/argocd/child-a=Synced',
        'Application/argocd/child-b=Synced',
      ]);
    }, 120_000);

    it('then the parent\'s health follows a child that stops being healthy (Argo\'s Application health check)', async () => {
      // When a commit makes child-b's Deployment roll out pods that never become ready
      await repo.commit({ 'child-b/web.yaml': deploymentYaml('web', { podAnnotations: { [DEVCLUSTER_FAIL]: 'never-ready' } }) }, 'child-b: a broken rollout');
      await repo.push();
      const broken = await repo.head();
      await requestRefresh(platform, 'child-b');
      // Then child-b is Progressing, and so is the parent, while child-a stays Healthy
      await waitForApplication(platform, 'child-b', 'is Progressing at the new commit', (app: Application) => app.status?.sync?.revision === broken && app.status.health?.status === 'Progressing');
      const parent = await waitForApplication(platform, 'parent', 'follows child-b to Progressing', (app) => app.status?.health?.status === 'Progressing');
      expect(parent.status?.resources?.map((r) => `${r.name ?? ''}=${r.health?.status ?? ''}`)).toEqual(['child-a=Healthy', 'child-b=Progressing']);
      expect(parent.status?.sync?.status).toBe('Synced');
    }, 120_000);
  });
});
