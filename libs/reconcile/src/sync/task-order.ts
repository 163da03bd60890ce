// Orders sync tasks as gitops-engine does (`sync_tasks.go`, `getSyncTasks`): phase, wave, kind, name; prune
// waves mirrored; PruneLast in a final wave; namespaces and CRDs pulled in front of what needs them.
import type { SyncPhase, UnstructuredObject } from '@driftless/api';
import { kindRank } from './kind-order.js';
import { isPruneTask } from './plan-types.js';
import type { SyncTask } from './plan-types.js';

/** A task while it is being ordered, with the desired object it applies (none for prunes). */
export interface Draft {
  task: SyncTask;
  target?: UnstructuredObject;
  /** Desired and live and compared Synced: left out under `ApplyOutOfSyncOnly=true`. */
  synced?: boolean;
}

const PHASE_ORDER: Readonly<Record<SyncPhase, number>> = { PreSync: -1, Sync: 0, PostSync: 1, SyncFail: 2 };

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * gitops-engine's task order: phase (PreSync, Sync, PostSync, SyncFail), wave, kind rank, name. Ties, which
 * Go's unstable sort leaves in any order, are broken by namespace, group and version so plans are stable.
 */
export function compareTasks(a: SyncTask, b: SyncTask): number {
  return (
    PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] ||
    a.wave - b.wave ||
    kindRank(a.key.kind) - kindRank(b.key.kind) ||
    byString(a.key.name || (a.key.generateName ?? ''), b.key.name || (b.key.generateName ?? '')) ||
    byString(a.key.namespace, b.key.namespace) ||
    byString(a.key.group, b.key.group) ||
    byString(a.key.version, b.key.version)
  );
}

/**
 * Prunes run in reverse creation order: the distinct waves of prune tasks are mirrored, lowest swapped with
 * highest and so on inwards (waves -1, 0, 5 become 5, 0, -1). Other tasks keep their waves.
 */
export function mirrorPruneWaves(drafts: readonly Draft[]): void {
  const prunes = drafts.filter((draft) => isPruneTask(draft.task));
  const waves = [...new Set(prunes.map((draft) => draft.task.wave))].sort((a, b) => a - b);
  const mirrored = new Map(waves.map((wave, index) => [wave, waves[waves.length - 1 - index] ?? wave]));
  for (const draft of prunes) draft.task.wave = mirrored.get(draft.task.wave) ?? draft.task.wave;
}

/**
 * `PruneLast`: such prune tasks move to one wave after the last wave of the Sync phase (counting prunes,
 * and never below wave 1), so they run after everything else has been applied.
 */
export function movePruneLast(drafts: readonly Draft[]): void {
  const syncWaves = drafts.filter((draft) => draft.task.phase === 'Sync').map((draft) => draft.task.wave);
  const finalWave = Math.max(0, ...syncWaves) + 1;
  for (const draft of drafts) {
    if (isPruneTask(draft.task) && draft.task.options.pruneLast) draft.task.wave = finalWave;
  }
}

type DepKey = (draft: Draft) => string | undefined;

/**
 * gitops-engine `adjustDeps`: a dependency (e.g. a Namespace) that sorts after the first task referring to
 * it moves just before that task and takes its phase and wave. Prunes are neither dependencies nor referrers.
 */
function adjustDeps(drafts: Draft[], depKey: DepKey, refKey: DepKey): void {
  const firstRef = new Map<string, number>();
  for (let i = 0; i < drafts.length; i++) {
    const draft = drafts[i];
    if (draft === undefined || draft.target === undefined) continue;
    const dep = depKey(draft);
    if (dep !== undefined) {
      const index = firstRef.get(dep);
      const referrer = index === undefined ? undefined : drafts[index];
      if (index === undefined || referrer === undefined) continue;
      draft.task.phase = referrer.task.phase;
      draft.task.wave = referrer.task.wave;
      drafts.splice(i, 1);
      drafts.splice(index, 0, draft);
      for (const [key, first] of firstRef) if (first >= index) firstRef.set(key, first + 1);
      continue;
    }
    const ref = refKey(draft);
    if (ref !== undefined && !firstRef.has(ref)) firstRef.set(ref, i);
  }
}

const namespaceDep: DepKey = ({ task }) => (task.key.kind === 'Namespace' && task.key.group === '' ? task.key.name : undefined);
const namespaceRef: DepKey = ({ task }) => (task.key.namespace === '' ? undefined : task.key.namespace);

const crdDep: DepKey = ({ task, target }) => {
  if (task.key.kind !== 'CustomResourceDefinition' || task.key.group !== 'apiextensions.k8s.io') return undefined;
  const spec = target?.['spec'] as { group?: unknown; names?: { kind?: unknown } } | undefined;
  const group = spec?.group;
  const kind = spec?.names?.kind;
  return typeof group === 'string' && typeof kind === 'string' ? `${group}/${kind}` : undefined;
};
const crdRef: DepKey = ({ task }) => `${task.key.group}/${task.key.kind}`;

/** Sorts drafts in place by {@link compareTasks}, then pulls namespaces and CRDs before their users. */
export function orderDrafts(drafts: Draft[]): void {
  drafts.sort((a, b) => compareTasks(a.task, b.task));
  adjustDeps(drafts, namespaceDep, namespaceRef);
  adjustDeps(drafts, crdDep, crdRef);
}
