// Plain-data ports and objects for the engine's orchestration tests.
import type { Application, UnstructuredObject } from '@driftless/api';
import type { RenderResult } from '../render/index.js';
import { createEngine } from './create-engine.js';
import type { EngineOptions, EngineRenderArgs, LiveRequest } from './engine-types.js';

/** The repository every fake application uses. */
export const REPO = 'https://git.example.com/apps.git';
/** The commit every fake revision resolves to unless a test says otherwise. */
export const SHA = 'a'.repeat(40);
/** The fake clock's time. */
export const NOW = new Date('2026-05-01T12:00:00.123Z');

/** A valid single-source Application `guestbook` deploying to namespace `prod`. */
export function application(spec: Partial<Application['spec']> = {}, namespace = 'argocd'): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'prod' }, source: { repoURL: REPO, path: 'guestbook', targetRevision: 'main' }, ...spec },
  };
}

/** The tracking-id annotation of an object in `prod`. */
export const tracking = (app: string, group: string, kind: string, name: string) => ({ 'argocd.argoproj.io/tracking-id': `${app}:${group}/${kind}:prod/${name}` });

/** The desired Deployment `web`. */
export function deployment(image = 'guestbook:1', annotations: Record<string, string> = {}): UnstructuredObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...(Object.keys(annotations).length === 0 ? {} : { annotations }) },
    spec: { replicas: 1, template: { spec: { initContainers: [{ name: 'init', image: 'busybox:1' }], containers: [{ name: 'web', image }] } } },
  };
}

/** Deployment `web` as live and ready, tracked by `app`. */
export function liveDeployment(image = 'guestbook:1', app = 'guestbook'): UnstructuredObject {
  const desired = deployment(image);
  return {
    ...desired,
    metadata: { name: 'web', namespace: 'prod', uid: 'd1', generation: 1, annotations: tracking(app, 'apps', 'Deployment', 'web') },
    status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 },
  };
}

/** A desired ConfigMap. */
export function configMap(name: string, data: Record<string, string>, annotations?: Record<string, string>): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(annotations === undefined ? {} : { annotations }) }, data };
}

/** A live ConfigMap tracked by guestbook. */
export function liveConfigMap(name: string, data: Record<string, string>, extra: Record<string, string> = {}): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'prod', uid: `cm-${name}`, annotations: { ...tracking('guestbook', '', 'ConfigMap', name), ...extra } }, data };
}

/** What the fake ports answer. */
export interface Fakes {
  /** Objects rendered per commit. */
  rendered?: Record<string, UnstructuredObject[]>;
  live?: UnstructuredObject[];
  resolve?: (url: string, revision: string) => Promise<{ sha: string; ref?: string }>;
  render?: (args: EngineRenderArgs) => Promise<RenderResult>;
  listManaged?: (request: LiveRequest) => Promise<UnstructuredObject[]>;
  isNamespaced?: EngineOptions['live']['isNamespaced'];
  /** The server-side apply dry run; absent: the port is missing. */
  dryRunApply?: EngineOptions['live']['dryRunApply'];
  settings?: EngineOptions['settings'];
  renderCache?: EngineOptions['renderCache'];
}

/**
 * An engine over plain data; `cleaned` lists removed temp dirs, `checkedOut` what went where, `resolved`
 * every revision asked for as `<repoURL>@<revision>`.
 */
export function fakeEngine(fakes: Fakes) {
  const checkedOut = new Map<string, string>();
  const cleaned: string[] = [];
  const requests: LiveRequest[] = [];
  const resolved: string[] = [];
  let dirs = 0;
  const resolve = fakes.resolve ?? (() => Promise.resolve({ sha: SHA, ref: 'refs/heads/main' }));
  const engine = createEngine({
    repos: {
      resolveRevision: (url, revision) => {
        resolved.push(`${url}@${revision}`);
        return resolve(url, revision);
      },
      checkout: (_url, sha, dir) => {
        checkedOut.set(dir, sha);
        return Promise.resolve();
      },
    },
    render: fakes.render ?? ((args) => Promise.resolve({ sourceType: 'Directory', objects: structuredClone(fakes.rendered?.[checkedOut.get(args.repoRoot) ?? ''] ?? []) })),
    live: {
      listManaged:
        fakes.listManaged ??
        ((request) => {
          requests.push(request);
          return Promise.resolve(structuredClone(fakes.live ?? []));
        }),
      ...(fakes.isNamespaced === undefined ? {} : { isNamespaced: fakes.isNamespaced }),
      ...(fakes.dryRunApply === undefined ? {} : { dryRunApply: fakes.dryRunApply }),
    },
    ...(fakes.settings === undefined ? {} : { settings: fakes.settings }),
    ...(fakes.renderCache === undefined ? {} : { renderCache: fakes.renderCache }),
    tempDir: () => {
      const path = `/fake/tmp-${++dirs}`;
      return Promise.resolve({ path, cleanup: () => Promise.resolve(void cleaned.push(path)) });
    },
    clock: () => NOW,
  });
  return { engine, cleaned, requests, checkedOut, resolved };
}
