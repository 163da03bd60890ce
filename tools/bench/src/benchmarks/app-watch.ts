// Waits for N Applications to reach a state by watching them, as a UI would: listing 10,000 Applications
// every second cost the dev cluster and this process more CPU than the worker being measured.
import type { ClientRequest } from 'node:http';
import https from 'node:https';
import type { Application } from '@driftless/api';
import type { KubeApi } from './gitops-fixture.js';

/** Options of {@link watchApps}. */
export interface WatchAppsOptions {
  readonly timeoutMs: number;
  /** Says what `done` means, for the timeout's message. */
  readonly description: string;
  /** Told how many apps are done, every `progressMs`. */
  readonly onProgress?: (doneCount: number) => void;
  /** @defaultValue 10000 */
  readonly progressMs?: number;
}

type WatchEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: Application } | { type: 'ERROR'; object: { code?: number; message?: string } };

/**
 * Resolves with the seconds since `startNs` at the event that made `expected` apps of `path` (a
 * collection path) satisfy `done`. Lists once, then watches from the list's resourceVersion, watching
 * again where the server ends the stream and listing again after a 410. Rejects after `timeoutMs`.
 */
export function watchApps(api: KubeApi, path: string, startNs: bigint, done: (app: Application) => boolean, expected: number, options: WatchAppsOptions): Promise<number> {
  const names = new Set<string>();
  const doneNames = new Set<string>();
  let stopped = false;
  let current: ClientRequest | undefined;
  return new Promise<number>((resolve, reject) => {
    const finish = (error: Error | undefined, seconds?: number) => {
      if (stopped) return;
      stopped = true;
      clearTimeout(deadline);
      clearInterval(progress);
      current?.destroy();
      if (error !== undefined) reject(error);
      else resolve(seconds ?? Number.NaN);
    };
    const deadline = setTimeout(() => finish(new Error(`timed out after ${options.timeoutMs} ms: ${doneNames.size}/${expected} apps ${options.description}`)), options.timeoutMs);
    const progress = setInterval(() => options.onProgress?.(doneNames.size), options.progressMs ?? 10_000);
    const see = (app: Application, deleted = false): void => {
      const name = app.metadata.name ?? '';
      if (deleted) names.delete(name);
      else names.add(name);
      let isDone: boolean;
      try {
        isDone = !deleted && done(app);
      } catch (error) {
        return finish(error as Error);
      }
      if (isDone) doneNames.add(name);
      else doneNames.delete(name);
      if (names.size >= expected && doneNames.size >= expected) finish(undefined, Number(process.hrtime.bigint() - startNs) / 1e9);
    };
    const list = async (): Promise<void> => {
      const listed = await api.get<{ metadata: { resourceVersion: string }; items: Application[] }>(path);
      names.clear();
      doneNames.clear();
      for (const app of listed.items) see(app);
      if (!stopped) watchFrom(listed.metadata.resourceVersion);
    };
    const watchFrom = (resourceVersion: string): void => {
      let last = resourceVersion;
      let gone = false;
      api.sent.total++;
      current = https.get(`${api.url}${path}?watch=1&allowWatchBookmarks=true&resourceVersion=${resourceVersion}`, { agent: api.agent }, (res) => {
        let buffered = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
            const line = buffered.slice(0, end);
            buffered = buffered.slice(end + 1);
            if (line.trim() === '') continue;
            const event = JSON.parse(line) as WatchEvent;
            if (event.type === 'ERROR') gone = event.object.code === 410;
            else {
              last = event.object.metadata.resourceVersion ?? last;
              if (event.type !== 'BOOKMARK') see(event.object, event.type === 'DELETED');
            }
          }
        });
        res.on('end', () => {
          if (stopped) return;
          if (gone) list().catch((error: unknown) => finish(error as Error));
          else watchFrom(last);
        });
      });
      current.on('error', (error: Error) => finish(error));
    };
    list().catch((error: unknown) => finish(error as Error));
  });
}
