// The HTTP client isomorphic-git fetches through. It never leaves the repository's origin, so
// credentials cannot follow a redirect to another host, and it enforces one fetch's deadline and byte
// budget, so a slow or huge remote cannot hang a worker or fill its disk.
import { Agent as HttpsAgent } from 'node:https';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { UnavailableError } from '@driftless/api';
import { redactUrl } from './repo-url.js';

/** Policy and limits for the requests of one fetch. */
export interface GuardedHttpOptions {
  /** The repository URL as configured; every request must go to its origin (scheme, host, port). */
  readonly repoURL: string;
  /** Aborts the fetch; the guard aborts it itself, with the typed error as reason, when the budget is spent. */
  readonly controller: AbortController;
  /** Most response bytes (all requests together) the fetch may read. */
  readonly maxBytes: number;
  /** Skip TLS certificate verification (a repository Secret's `insecure: true`). @defaultValue false */
  readonly insecure?: boolean;
  /** Redirects followed within the origin per request. @defaultValue 5 */
  readonly maxRedirects?: number;
}

/**
 * Wraps `base` so that: a request (or a redirect) to any origin other than the repository's is refused
 * with an UnavailableError before anything is sent; same-origin redirects are followed here, not by
 * `base`; every request and body read stops when `controller` aborts (rejecting with its reason); and
 * reading more than `maxBytes` aborts the fetch with an UnavailableError naming the limit.
 */
export function guardHttpClient(base: HttpClient, options: GuardedHttpOptions): HttpClient {
  const origin = new URL(options.repoURL).origin;
  const shown = redactUrl(options.repoURL);
  const { controller } = options;
  const signal = controller.signal;
  const agent = options.insecure === true ? new HttpsAgent({ rejectUnauthorized: false }) : undefined;
  const maxRedirects = options.maxRedirects ?? 5;
  let bytes = 0;
  const count = (n: number): void => {
    bytes += n;
    if (bytes <= options.maxBytes) return;
    const error = new UnavailableError(`fetching ${shown} exceeded the size limit of ${options.maxBytes} bytes`, {
      context: { repoURL: shown, maxBytes: options.maxBytes },
    });
    controller.abort(error);
    throw error;
  };

  const request = async (first: GitHttpRequest): Promise<GitHttpResponse> => {
    let current = first;
    for (let redirects = 0; ; redirects++) {
      const target = new URL(current.url);
      if (target.origin !== origin) {
        throw new UnavailableError(
          `${shown} redirected to another host (${target.origin}); refusing to follow so credentials stay with ${origin}`,
          { context: { repoURL: shown, redirect: target.origin } },
        );
      }
      signal.throwIfAborted();
      const response = await abortable(
        base.request({ ...current, agent, signal, fetchOptions: { followRedirects: false } }),
        signal,
      );
      const location = response.headers?.['location'];
      if (response.statusCode < 300 || response.statusCode >= 400 || location === undefined) {
        return { ...response, body: response.body === undefined ? undefined : guardBody(response.body, signal, count) };
      }
      await response.body?.return?.();
      if (redirects >= maxRedirects) {
        throw new UnavailableError(`${shown} redirected more than ${maxRedirects} times`, { context: { repoURL: shown } });
      }
      current = { ...current, url: new URL(location, current.url).href };
    }
  };
  return { request };
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

async function* guardBody(
  body: AsyncIterableIterator<Uint8Array>,
  signal: AbortSignal,
  count: (n: number) => void,
): AsyncIterableIterator<Uint8Array> {
  try {
    for (;;) {
      const next = await abortable(body.next(), signal);
      if (next.done === true) return;
      count(next.value.byteLength);
      yield next.value;
    }
  } finally {
    await body.return?.();
  }
}
