// The engine: wires source → render → match → diff → health into Argo CD's refresh (`CompareAppState`) and
// into the input of each sync step (`SyncAppState`).
import { condition, errorMessage } from './conditions.js';
import type { Engine, EngineOptions } from './engine-types.js';
import { prepareSync } from './prepare-sync.js';
import { failedRefresh, refresh } from './refresh.js';

/** RFC 3339 without fractions, as Kubernetes serialises times: `2024-05-01T12:00:00Z`. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * Creates the engine over its ports. `refresh(app)`:
 * 1. validates the Application (`validateApplication`); problems → `InvalidSpecError` listing them all;
 * 2. loads the target state (`loadTarget`): resolve, check out into a fresh temp dir, render; failures →
 *    `ComparisonError` "Failed to load target state: <cause>" (unreachable repo, missing revision, render
 *    error with file and line); the tracked live resources are then still listed with their health and
 *    sync Unknown (nothing is marked for pruning), and the app's health is theirs (Unknown without any);
 * 3. lists live objects (`LiveState.listManaged`); failure → "Failed to load live state: <cause>";
 * 4. matches desired and live (`matchResources`); objects another app tracks → `SharedResourceWarning`;
 * 5. diffs and assesses each resource (`compareResources`), rolls sync and health up, collects images.
 * Any failing step leaves `sync.status` Unknown. The result never rejects; an unexpected bug is an
 * `UnknownError` condition.
 *
 * `prepareSync(app, options)` runs steps 1–5 at the operation's revision(s) and source(s) and returns the
 * pairs with their sync status, the hooks and the resolved revisions; a failing step → `{ ok: false,
 * message }` with the condition's text, an unexpected bug → its message. Never rejects either.
 */
export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? (() => new Date());
  return {
    refresh: async (app, refreshOptions = {}) => {
      const now = formatTimestamp(clock());
      try {
        return await refresh(app, options, now, refreshOptions);
      } catch (error) {
        return failedRefresh(app, now, [condition('UnknownError', errorMessage(error), now)]);
      }
    },
    prepareSync: async (app, syncOptions) => {
      try {
        return await prepareSync(app, options, formatTimestamp(clock()), syncOptions);
      } catch (error) {
        return { ok: false, message: errorMessage(error) };
      }
    },
  };
}
