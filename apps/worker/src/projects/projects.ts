// AppProjects in the control namespace, watched: the `default` project created when missing (as Argo CD
// does), and the project's rules checked before every refresh (InvalidSpecError) and every sync step
// (the operation fails naming the rule, before anything is applied).
import { ConflictError, checkApplicationPermitted, checkResourcesPermitted, defaultAppProject } from '@driftless/api';
import type { AppProject, Application, ApplicationDestination, IsNamespaced, ProjectViolation, UnstructuredObject } from '@driftless/api';
import { createLiveStateCache } from '@driftless/kube';
import type { Discovery, GroupVersionKind, ResourceClient } from '@driftless/kube';
import type * as k8s from '@kubernetes/client-node';
import type { PrepareSyncResult, RefreshResult } from '@driftless/reconcile';

/** argoproj.io/v1alpha1 AppProject. */
export const APP_PROJECT_GVK: GroupVersionKind = { group: 'argoproj.io', version: 'v1alpha1', kind: 'AppProject' };

/** Options of {@link createProjects}. */
export interface ProjectsOptions {
  readonly kc: k8s.KubeConfig;
  readonly discovery: Discovery;
  readonly client: ResourceClient;
  readonly namespace: string;
  /**
   * The destination with its server filled in from the cluster Secrets (projects match servers);
   * `undefined` when no registered cluster matches it.
   */
  readonly resolveDestination: (destination: ApplicationDestination) => Promise<ApplicationDestination | undefined>;
  readonly now?: () => Date;
}

/** The projects, as the loop uses them. */
export interface Projects {
  /** Starts the watch and creates `default` when missing. */
  start(): Promise<void>;
  /** Runs `refresh` when the app's project exists and permits its sources and destination; else an InvalidSpecError status. */
  refreshWithProject(app: Application, refresh: () => Promise<RefreshResult>): Promise<RefreshResult>;
  /** Runs `prepare` under the same checks, then checks every object the sync would apply (scopes from the destination's discovery). */
  prepareWithProject(app: Application, prepare: () => Promise<PrepareSyncResult>, isNamespaced: IsNamespaced): Promise<PrepareSyncResult>;
  stop(): Promise<void>;
}

/** Watches the control namespace's AppProjects. */
export function createProjects(options: ProjectsOptions): Projects {
  const now = options.now ?? (() => new Date());
  const cache = createLiveStateCache({ kc: options.kc, discovery: options.discovery, kinds: [APP_PROJECT_GVK], namespaces: [options.namespace] });
  const projectOf = (app: Application): AppProject | undefined =>
    cache.get(APP_PROJECT_GVK, options.namespace, app.spec.project === '' ? 'default' : app.spec.project) as unknown as AppProject | undefined;

  // Messages of what the app breaks before anything is rendered; empty when it may proceed.
  async function specProblems(app: Application): Promise<string[]> {
    await cache.synced;
    const project = projectOf(app);
    if (project === undefined) return [`Application referencing project ${app.spec.project} which does not exist`];
    const destination = await options.resolveDestination(app.spec.destination);
    if (destination === undefined) return [unknownDestination(app)];
    return checkApplicationPermitted(project, { ...app, spec: { ...app.spec, destination } }, { controllerNamespace: options.namespace }).map(describe);
  }

  return {
    async start() {
      await cache.start();
      try {
        await options.client.create(defaultAppProject(options.namespace) as unknown as UnstructuredObject);
      } catch (error) {
        // 409: it exists already (perhaps created by another worker meanwhile).
        if (!(error instanceof ConflictError)) throw error;
      }
    },
    async refreshWithProject(app, refresh) {
      const problems = await specProblems(app);
      return problems.length === 0 ? refresh() : invalidSpec(app, problems, now());
    },
    async prepareWithProject(app, prepare, isNamespaced) {
      const problems = await specProblems(app);
      if (problems.length > 0) return { ok: false, message: problems.join('; ') };
      const prepared = await prepare();
      if (!prepared.ok) return prepared;
      const project = projectOf(app);
      if (project === undefined) return { ok: false, message: `Application referencing project ${app.spec.project} which does not exist` };
      const destination = await options.resolveDestination(app.spec.destination);
      if (destination === undefined) return { ok: false, message: unknownDestination(app) };
      const objects = [...prepared.resources.flatMap((pair) => (pair.target === undefined ? [] : [pair.target])), ...prepared.hooks].map(resourceOf);
      const violations = checkResourcesPermitted(project, objects, isNamespaced, destination);
      return violations.length === 0 ? prepared : { ok: false, message: violations.map(describe).join('; ') };
    },
    stop: () => cache.stop(),
  };
}

// Argo's InvalidSpecError for a destination no cluster Secret (nor the in-cluster default) names.
function unknownDestination(app: Application): string {
  const { server, name } = app.spec.destination;
  const reason = server !== undefined && server !== '' ? `there are no clusters with this URL: ${server}` : `there are no clusters with this name: ${name ?? ''}`;
  return `application destination spec for ${app.metadata.name ?? ''} is invalid: unable to find destination server: ${reason} (spec.destination)`;
}

function describe(violation: ProjectViolation): string {
  return `${violation.message} (project rule ${violation.rule}${violation.field === undefined ? '' : `, ${violation.field}`})`;
}

function resourceOf(obj: UnstructuredObject) {
  const slash = obj.apiVersion.indexOf('/');
  return { group: slash < 0 ? '' : obj.apiVersion.slice(0, slash), kind: obj.kind, name: obj.metadata.name ?? obj.metadata.generateName ?? '', ...(obj.metadata.namespace === undefined ? {} : { namespace: obj.metadata.namespace }) };
}

// Argo's answer to a spec the project refuses: nothing compared, sync Unknown, the reasons as InvalidSpecError.
function invalidSpec(app: Application, problems: readonly string[], at: Date): RefreshResult {
  const time = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const spec = app.spec;
  return {
    sync: { status: 'Unknown', comparedTo: { destination: spec.destination, ...(spec.source === undefined ? {} : { source: spec.source }), ...(spec.sources === undefined ? {} : { sources: spec.sources }) } },
    health: app.status?.health ?? { status: 'Unknown' },
    resources: app.status?.resources ?? [],
    conditions: problems.map((message) => ({ type: 'InvalidSpecError', message, lastTransitionTime: time })),
    summary: app.status?.summary ?? {},
    reconciledAt: time,
  };
}
