// Argo CD's AppProject rules as predicates: which repositories, destinations, resource kinds and
// Application namespaces a project permits. Semantics follow Argo's AppProject methods, quirks included.

import { normalizeGitUrl } from '../secrets/git-url.js';
import type { AppProject, GroupKind } from '../types/app-project.js';
import type { ApplicationDestination } from '../types/application.js';
import { globMatch } from './glob.js';

/** What the predicates read of a project: its spec (a whole AppProject fits). */
export type ProjectRules = Pick<AppProject, 'spec'>;

/** A cluster registered for a project (a cluster Secret with a `project` field). */
export interface ProjectCluster {
  name?: string;
  server?: string;
}

export interface DestinationCheckOptions {
  /**
   * Clusters scoped to this project; read only when the project sets `permitOnlyProjectScopedClusters`.
   * Absent means none, so such a project then permits no destination.
   */
  projectClusters?: readonly ProjectCluster[];
}

/** Which list of the project decides about a group/kind. */
export type GroupKindRule = 'clusterResourceWhitelist' | 'clusterResourceBlacklist' | 'namespaceResourceWhitelist' | 'namespaceResourceBlacklist';

function isDenyPattern(pattern: string): boolean {
  return pattern.startsWith('!');
}

// Argo's project globMatch: a `!pattern` entry "matches" every value the pattern does not, so a deny entry
// also admits everything else; a bare `*` matches anything even across separators.
function projectGlobMatch(pattern: string, value: string, separators = ''): boolean {
  if (isDenyPattern(pattern)) return !globMatch(pattern.slice(1), value, { separators });
  if (pattern === '*') return true;
  return globMatch(pattern, value, { separators });
}

/**
 * Argo's IsSourcePermitted: both the repository URL and every `sourceRepos` entry are normalised
 * ({@link normalizeGitUrl}: case, scp-like SSH, `.git` suffix, trailing `/`) and compared as gobwas globs
 * where `*` stops at `/` (use `**` to span path segments) and a bare `*` allows anything. A `!` entry the
 * URL matches denies it whatever else matches; the URL must still match some entry, so an empty list
 * permits nothing. Example: `['!https://github.com/org/secret', 'https://github.com/org/*']` permits
 * `https://github.com/ORG/app.git` and denies `git@github.com:org/secret`.
 */
export function isSourcePermitted(project: ProjectRules, repoURL: string): boolean {
  const repo = normalizeGitUrl(repoURL);
  let anyMatched = false;
  for (const entry of project.spec.sourceRepos ?? []) {
    const pattern = isDenyPattern(entry) ? `!${normalizeGitUrl(entry.slice(1))}` : normalizeGitUrl(entry);
    if (projectGlobMatch(pattern, repo, '/')) anyMatched = true;
    else if (isDenyPattern(pattern)) return false;
  }
  return anyMatched;
}

/**
 * Argo's IsDestinationPermitted. An entry matches when its `server` glob matches the destination's server
 * or its `name` glob matches the destination's name, and its `namespace` glob matches the namespace (a
 * missing namespace is `''`, which `*` matches). Globs span any character; an empty entry field matches
 * nothing. A `!` field the destination fails denies it, whatever other entries allow.
 *
 * Argo resolves the cluster first and passes both its name and server; pass both when known. A field that
 * is unknown (`''`) matches no entry, and a `!` entry on that field counts as denying: without the cluster's
 * server, `{server: '!https://prod', ...}` cannot be shown not to apply, so the check fails closed. Thus a
 * name-only destination is permitted by `{name: 'in-cluster', namespace: '*'}` but not by the default
 * project's `{server: '*', namespace: '*'}`.
 *
 * With `permitOnlyProjectScopedClusters`, a matching destination must also be one of
 * `options.projectClusters` (same non-empty name or server).
 */
export function isDestinationPermitted(project: ProjectRules, destination: ApplicationDestination, options: DestinationCheckOptions = {}): boolean {
  const name = destination.name ?? '';
  const server = destination.server ?? '';
  const namespace = destination.namespace ?? '';
  let anyMatched = false;
  let denied = false;
  for (const entry of project.spec.destinations ?? []) {
    const entryName = entry.name ?? '';
    const entryServer = entry.server ?? '';
    const entryNamespace = entry.namespace ?? '';
    const nameMatched = name !== '' && projectGlobMatch(entryName, name);
    const serverMatched = server !== '' && projectGlobMatch(entryServer, server);
    const namespaceMatched = projectGlobMatch(entryNamespace, namespace);
    if ((serverMatched || nameMatched) && namespaceMatched) {
      anyMatched = true;
    } else if (
      (!nameMatched && isDenyPattern(entryName)) ||
      (!serverMatched && isDenyPattern(entryServer)) ||
      (!namespaceMatched && isDenyPattern(entryNamespace))
    ) {
      denied = true;
    }
  }
  if (!anyMatched || denied) return false;
  if (project.spec.permitOnlyProjectScopedClusters !== true) return true;
  return (options.projectClusters ?? []).some(
    (cluster) => (name !== '' && cluster.name === name) || (server !== '' && cluster.server === server),
  );
}

// Argo's isResourceInList: Go filepath.Match on kind and group, so `*` works but `{a,b}` does not.
function groupKindInList(list: readonly GroupKind[], group: string, kind: string): boolean {
  return list.some((item) => globMatch(item.kind, kind, { dialect: 'filepath' }) && globMatch(item.group, group, { dialect: 'filepath' }));
}

/**
 * The list that refuses `group`/`kind`, or `undefined` when the project permits it: for a missing whitelist
 * the whitelist rule (cluster-scoped) or nothing (namespaced), else the blacklist when it matches.
 */
export function groupKindDenial(project: ProjectRules, group: string, kind: string, namespaced: boolean): GroupKindRule | undefined {
  const spec = project.spec;
  if (namespaced) {
    const whitelist = spec.namespaceResourceWhitelist;
    // Argo distinguishes an absent whitelist (all allowed) from an empty one (none allowed).
    if (whitelist != null && !(whitelist.length > 0 && groupKindInList(whitelist, group, kind))) return 'namespaceResourceWhitelist';
    if (groupKindInList(spec.namespaceResourceBlacklist ?? [], group, kind)) return 'namespaceResourceBlacklist';
    return undefined;
  }
  if (!groupKindInList(spec.clusterResourceWhitelist ?? [], group, kind)) return 'clusterResourceWhitelist';
  if (groupKindInList(spec.clusterResourceBlacklist ?? [], group, kind)) return 'clusterResourceBlacklist';
  return undefined;
}

/**
 * Argo's IsGroupKindPermitted. Cluster-scoped kinds need a `clusterResourceWhitelist` match (absent or
 * empty permits none) and no `clusterResourceBlacklist` match. Namespaced kinds are permitted unless
 * `namespaceResourceBlacklist` matches or `namespaceResourceWhitelist` is set and does not match; an
 * explicit empty whitelist (`[]`) permits none. Group and kind are Go filepath globs; the core group is `''`.
 */
export function isGroupKindPermitted(project: ProjectRules, group: string, kind: string, namespaced: boolean): boolean {
  return groupKindDenial(project, group, kind, namespaced) === undefined;
}

/**
 * Argo's IsAppNamespacePermitted: an Application in the control-plane namespace (or without one yet) may
 * use any project; elsewhere its namespace must match a `sourceNamespaces` entry, a gobwas glob or a
 * `/regexp/` (unanchored). The regexp is JavaScript's, not Go's RE2; an invalid one matches nothing.
 */
export function isAppNamespacePermitted(project: ProjectRules, appNamespace: string | undefined, controllerNamespace: string): boolean {
  if (appNamespace === undefined || appNamespace === '' || appNamespace === controllerNamespace) return true;
  return (project.spec.sourceNamespaces ?? []).some((entry) => {
    if (entry.length >= 2 && entry.startsWith('/') && entry.endsWith('/') && regexpMatches(entry.slice(1, -1), appNamespace)) return true;
    return globMatch(entry, appNamespace);
  });
}

function regexpMatches(source: string, value: string): boolean {
  try {
    return new RegExp(source, 'u').test(value);
  } catch {
    return false;
  }
}
