// A minimal HTTP(S) load generator for benchmarks: N requests with bounded concurrency over keep-alive.
import http from 'node:http';
import https from 'node:https';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A keep-alive HTTPS agent trusting `caPem` (e.g. a TLS dev cluster's CA), for {@link request}. */
export function httpsAgent(caPem: string): https.Agent {
  return new https.Agent({ keepAlive: true, maxSockets: 64, ca: caPem });
}

/**
 * Sends one request and resolves with the status code and body. An `https://` URL needs `tlsAgent`
 * (see {@link httpsAgent}); plain `http://` uses a shared keep-alive agent. A body is sent as
 * `contentType` (JSON unless told, e.g. `application/merge-patch+json` for a PATCH).
 */
export function request(url: string, method: string, body?: string, tlsAgent?: https.Agent, contentType = 'application/json'): Promise<{ status: number; body: string }> {
  const secure = url.startsWith('https:');
  if (secure && tlsAgent === undefined) return Promise.reject(new Error(`request: ${url} is HTTPS but no tlsAgent was given`));
  const send = secure ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, agent: secure ? tlsAgent : agent, headers: body === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Runs `count` calls of `one(i)` with at most `concurrency` in flight; resolves with the rate in
 * calls per second. Rejects on the first failure (a benchmark of failing requests means nothing).
 */
export async function runConcurrent(count: number, concurrency: number, one: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await one(next++);
  });
  await Promise.all(workers);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

/** Fails loudly when a benchmark request did not get the expected status. */
export function expectStatus(result: { status: number; body: string }, expected: number, what: string): void {
  if (result.status !== expected) throw new Error(`${what}: HTTP ${result.status} ${result.body.slice(0, 300)}`);
}
