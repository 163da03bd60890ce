// The installation settings a comparison reads (argocd-cm customizations and compare options,
// argocd-cmd-params-cm's server-side diff switch) and how an Application's annotation adjusts them.
import type { Application, ArgoCdSettings } from '@driftless/api';
import { hasCompareOption } from '../match/index.js';

/**
 * The subset of `ArgoCdSettings` (`parseArgoCdConfigMap`) the comparison needs, plus the controller's
 * server-side diff switch. Every field is optional: absent means Argo CD's default.
 */
export interface CompareSettings {
  /**
   * `resource.customizations.*` keyed `group/Kind` (`Kind` for the core group, `*\/*` for `.all`, globs
   * such as `*.example.com/*` for health): custom Lua health checks (`healthLua`) override the built-in
   * ones, `ignoreDifferences` apply to every application. @defaultValue none
   */
  resourceOverrides?: ArgoCdSettings['resourceOverrides'];
  /** `resource.compareoptions` (`ignoreResourceStatusField`, default `all`). @defaultValue none */
  compareOptions?: ArgoCdSettings['compareOptions'];
  /**
   * argocd-cmd-params-cm `controller.diff.server.side`: compare every application server-side (see
   * `LiveState.dryRunApply`); an Application opts out with `compare-options: ServerSideDiff=false`.
   * @defaultValue false
   */
  serverSideDiff?: boolean;
  /** argocd-cm `resource.exclusions`: desired objects of these kinds are dropped with an ExcludedResourceWarning. @defaultValue none (Events, metrics and Leases are always excluded) */
  resourceExclusions?: ArgoCdSettings['resourceExclusions'];
  /** argocd-cm `resource.inclusions`: when one names the destination cluster, only the included kinds are managed there. @defaultValue none */
  resourceInclusions?: ArgoCdSettings['resourceInclusions'];
}

/**
 * Whether `app` is compared server-side (Argo CD's `CompareAppState`): on when the installation says so or
 * the Application's `argocd.argoproj.io/compare-options` lists `ServerSideDiff=true`; off whenever it lists
 * `ServerSideDiff=false`.
 */
export function serverSideDiffEnabled(app: Application, settings: CompareSettings = {}): boolean {
  if (hasCompareOption(app, 'ServerSideDiff=false')) return false;
  return settings.serverSideDiff === true || hasCompareOption(app, 'ServerSideDiff=true');
}
