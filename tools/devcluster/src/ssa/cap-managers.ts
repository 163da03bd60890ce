// Keeps at most 10 Update managers by folding the oldest into "ancient-changes" (upstream capmanagers.go).
//
// Worked example with a cap of 2 and Update managers a (t=1, v1), b (t=2, v1), c (t=3, v1): sorted
// oldest first, a is the first seen at v1 and stays for now; b is the second at v1, so a's set
// moves into {ancient-changes, Update, v1}, b's set joins it with b's time, b goes: 2 managers left
// (ancient-changes, c). Appliers are never folded.
import type { ManagerState, Managers } from './managers.js';
import { identityKey, identityOf, secondsOf } from './managers.js';

/** Upstream DefaultMaxUpdateManagers. */
export const MAX_UPDATE_MANAGERS = 10;

/** Name of the bucket old Update managers are merged into. */
export const ANCIENT_CHANGES = 'ancient-changes';

/** Folds the oldest Update managers into per-apiVersion "ancient-changes" buckets until at most `max` remain. Mutates `managers`. */
export function capUpdateManagers(managers: Managers, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managers.entries()].filter(([, state]) => state.identity.operation === 'Update').map(([key]) => key);
  if (updaters.length <= max) return;
  const timeOf = (key: string): number => secondsOf(managers.get(key)?.time);
  updaters.sort((a, b) => timeOf(a) - timeOf(b) || (a < b ? -1 : a > b ? 1 : 0));

  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const key = updaters[i] as string;
    const state = managers.get(key) as ManagerState;
    const bucketIdentity = identityOf(ANCIENT_CHANGES, 'Update', state.apiVersion, undefined);
    const bucketKey = identityKey(bucketIdentity);
    const first = firstByVersion.get(state.apiVersion);
    if (first === undefined) {
      firstByVersion.set(state.apiVersion, key);
      continue;
    }
    if (!managers.has(bucketKey)) {
      const firstState = managers.get(first) as ManagerState;
      managers.delete(first);
      managers.set(bucketKey, { ...firstState, identity: bucketIdentity });
    }
    const bucket = managers.get(bucketKey) as ManagerState;
    managers.delete(key);
    // the bucket takes the newer time of the update merged into it
    managers.set(bucketKey, { identity: bucketIdentity, set: state.set.union(bucket.set), apiVersion: state.apiVersion, time: state.time });
    length--;
  }
}
