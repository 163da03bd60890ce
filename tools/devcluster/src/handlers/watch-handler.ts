// GET ...?watch=true: streams newline-delimited watch events over a chunked response.
import type { ServerResponse } from 'node:http';
import { present } from '../api/helpers.js';
import { listOptions } from '../http/request-options.js';
import { toTable } from '../http/table.js';
import type { IncludeObject } from '../http/table.js';
import { invalid } from '../errors/statuses.js';
import type { JsonObject } from '../model/json.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { startWatch } from '../watch/watcher.js';
import type { ServerContext } from './server-context.js';

const MAX_BUFFERED = 16 * 1024 * 1024;

/**
 * Serves a watch. Headers are flushed at once (kubectl and client-node wait for them, research
 * §1.4); sendInitialEvents is refused with 422 so reflectors fall back to list+watch (D8).
 */
export function serveWatch(server: ServerContext, res: ServerResponse, desc: ResourceDescriptor, namespace: string | undefined, query: URLSearchParams, table: boolean): void {
  if (query.has('sendInitialEvents')) {
    throw invalid('meta.k8s.io', 'ListOptions', '', [{ type: 'FieldValueForbidden', field: 'sendInitialEvents', detail: 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled' }]);
  }
  const options = listOptions(desc, query);
  const timeoutText = query.get('timeoutSeconds');
  const timeoutMs = timeoutText !== null && timeoutText !== '' ? Math.max(0, Number(timeoutText)) * 1000 : server.settings.defaultWatchTimeoutMs;
  const include = (query.get('includeObject') ?? 'Metadata') as IncludeObject;
  const render = (obj: JsonObject): JsonObject => {
    const served = desc.custom ? present(desc, { ...obj }) : obj;
    return table ? toTable(desc, [served], {}, include, server.deps.clock.now()) : served;
  };
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  const watch = startWatch(
    server.deps.store,
    { desc, namespace, labelSelector: options.labelSelector, fieldSelector: options.fieldSelector },
    {
      resourceVersion: options.resourceVersion,
      allowBookmarks: query.get('allowWatchBookmarks') === 'true',
      bookmarkIntervalMs: server.settings.bookmarkIntervalMs,
      timeoutMs,
      render,
    },
    {
      write: (line) => {
        if (res.destroyed || res.writableEnded) return false;
        res.write(`${line}\n`);
        return res.writableLength < MAX_BUFFERED;
      },
      end: () => {
        if (!res.writableEnded) res.end();
      },
    },
  );
  const forget = server.watchHub.add(watch);
  const drop = server.faults.dropWatchesAfterMs;
  const dropTimer = drop === undefined ? undefined : setTimeout(() => watch.stop(), drop);
  res.on('close', () => {
    if (dropTimer !== undefined) clearTimeout(dropTimer);
    watch.stop();
    forget();
  });
}
