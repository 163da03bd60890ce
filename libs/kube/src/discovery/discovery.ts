// Discovery: maps GVKs to resources (plural, scope, verbs) from /api and /apis, cached, refreshed
// on demand and — rate-limited — when a kind is missing (a CRD that just appeared).
import type * as k8s from '@kubernetes/client-node';
import { DriftlessError, NotFoundError } from '@driftless/api';
import { createKubeRequester } from '../transport/kube-request.js';
import type { KubeRequester } from '../transport/kube-request.js';
import { apiVersionOf, gvkKey } from './gvk.js';
import type { ApiResource, GroupVersionKind } from './gvk.js';

/** Options for {@link createDiscovery}. */
export interface DiscoveryOptions {
  /** A miss refreshes the cache at most this often. @defaultValue 10000 */
  readonly minRefreshIntervalMs?: number;
  /** The clock, for tests. @defaultValue Date.now */
  readonly now?: () => number;
}

/** GVK ↔ resource mapping of one cluster. */
export interface Discovery {
  /** The server URL of the cluster. */
  readonly server: string;
  /**
   * The resource serving `gvk`. On a miss it refreshes once (unless it refreshed less than
   * `minRefreshIntervalMs` ago) and then rejects with NotFoundError "no matches for kind X in group Y".
   * Rejects with UnavailableError (or another typed error) when discovery itself fails, or with the
   * error of `gvk`'s group version when only that one failed to answer (other groups stay usable).
   */
  resourceFor(gvk: GroupVersionKind): Promise<ApiResource>;
  /** Every resource of every served group version (loads the cache if empty). */
  resources(): Promise<readonly ApiResource[]>;
  /** Re-reads discovery now; concurrent callers share one refresh. */
  refresh(): Promise<void>;
}

interface ApiVersions { versions: string[] }
interface ApiGroupList { groups: { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion?: { version: string } }[] }
interface ApiResourceList { resources: { name: string; namespaced: boolean; kind: string; verbs: string[] }[] }

/** Discovery for the current context of `kc`; nothing is fetched until first use. */
export function createDiscovery(kc: k8s.KubeConfig, options: DiscoveryOptions = {}): Discovery {
  const requester = createKubeRequester(kc);
  const minInterval = options.minRefreshIntervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  let byKey = new Map<string, ApiResource>();
  let all: readonly ApiResource[] | undefined;
  let failedGroupVersions = new Map<string, DriftlessError>();
  let lastRefresh = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  function refresh(): Promise<void> {
    inFlight ??= load(requester)
      .then(({ resources, failed }) => {
        all = resources;
        failedGroupVersions = failed;
        byKey = new Map(resources.map((r) => [gvkKey(r), r]));
        lastRefresh = now();
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  async function resourceFor(gvk: GroupVersionKind): Promise<ApiResource> {
    if (!all) await refresh();
    let found = byKey.get(gvkKey(gvk));
    if (!found && now() - lastRefresh >= minInterval) {
      await refresh();
      found = byKey.get(gvkKey(gvk));
    }
    if (found) return found;
    const groupError = failedGroupVersions.get(apiVersionOf(gvk));
    if (groupError) throw groupError;
    throw new NotFoundError(`no matches for kind "${gvk.kind}" in group "${gvk.group}" version "${gvk.version}" on ${requester.server}`, {
      context: { server: requester.server, group: gvk.group, version: gvk.version, kind: gvk.kind },
    });
  }

  async function resources(): Promise<readonly ApiResource[]> {
    if (!all) await refresh();
    return all ?? [];
  }

  return { server: requester.server, resourceFor, resources, refresh };
}

async function load(requester: KubeRequester): Promise<{ resources: ApiResource[]; failed: Map<string, DriftlessError> }> {
  const core = await requester.send<ApiVersions>({ method: 'GET', path: '/api' }, { verb: 'discovery' });
  const groups = await requester.send<ApiGroupList>({ method: 'GET', path: '/apis' }, { verb: 'discovery' });
  const versions = [
    ...core.versions.map((version, index) => ({ group: '', version, preferred: index === 0 })),
    ...groups.groups.flatMap((g) =>
      g.versions.map((v) => ({ group: g.name, version: v.version, preferred: (g.preferredVersion?.version ?? g.versions[0]?.version) === v.version })),
    ),
  ];
  const failed = new Map<string, DriftlessError>();
  const lists = await Promise.all(
    versions.map(async (gv) => {
      const path = gv.group ? `/apis/${apiVersionOf(gv)}` : `/api/${gv.version}`;
      try {
        const list = await requester.send<ApiResourceList>({ method: 'GET', path }, { verb: 'discovery', group: gv.group, version: gv.version });
        return list.resources
          .filter((r) => !r.name.includes('/'))
          .map((r): ApiResource => ({ ...gv, kind: r.kind, resource: r.name, namespaced: r.namespaced, verbs: r.verbs }));
      } catch (error) {
        // One broken group (an aggregated API that is down) must not hide every other kind; the core group must answer.
        if (!gv.group || !(error instanceof DriftlessError)) throw error;
        if (error instanceof NotFoundError) return []; // listed but no longer served: a miss, not a failure
        failed.set(apiVersionOf(gv), error);
        return [];
      }
    }),
  );
  return { resources: lists.flat(), failed };
}
