// The health server over real HTTP on a free port, as Prometheus and the kubelet call it.
import { afterEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { createWorkerMetrics } from '../metrics/worker-metrics.js';
import { startHealthServer } from './health-server.js';
import type { HealthServer, HealthServerOptions } from './health-server.js';

let server: HealthServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(ready: HealthServerOptions['ready'], extra: Partial<HealthServerOptions> = {}): Promise<string> {
  const metrics = createWorkerMetrics(new Registry());
  metrics.countSync({ namespace: 'argocd', name: 'shop' }, 'Succeeded');
  server = await startHealthServer({ port: 0, host: '127.0.0.1', metrics, ready, ...extra });
  return `http://127.0.0.1:${server.address().port}`;
}

async function get(url: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

describe('the health server', () => {
  it('answers /healthz at once and /readyz 503 until the worker is ready', async () => {
    let ready = false;
    const base = await start(() => ready);
    expect(server?.address().port).toBeGreaterThan(0);

    expect(await get(`${base}/healthz`)).toMatchObject({ status: 200, body: 'ok\n' });
    expect(await get(`${base}/readyz`)).toMatchObject({ status: 503, body: 'not ready\n' });
    ready = true;
    expect(await get(`${base}/readyz`)).toMatchObject({ status: 200, body: 'ok\n' });
  });

  it('gives the reason of a failing readiness check, and a timeout for a stuck one', async () => {
    const failing = await start(() => Promise.reject(new Error('redis is not connected (reconnecting)')));
    expect(await get(`${failing}/readyz`)).toEqual({ status: 503, type: 'text/plain; charset=utf-8', body: 'not ready: redis is not connected (reconnecting)\n' });
    await server?.close();

    const stuck = await start(() => new Promise<boolean>(() => undefined), { readyTimeoutMs: 50 });
    expect(await get(`${stuck}/readyz`)).toMatchObject({ status: 503, body: 'not ready: readiness check took longer than 50ms\n' });
  });

  it('serves the metrics in the Prometheus text format', async () => {
    const base = await start(() => true);
    const metrics = await get(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.body).toContain('argocd_app_sync_total{namespace="argocd",name="shop",project="",dest_server="",phase="Succeeded"} 1');
    expect(metrics.body).toContain('# TYPE process_cpu_seconds_total counter');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    const base = await start(() => true);
    expect(await get(`${base}/`)).toMatchObject({ status: 404 });
    expect(await get(`${base}/metrics/extra`)).toMatchObject({ status: 404 });
    const post = await fetch(`${base}/metrics`, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('refuses a port that is taken', async () => {
    const base = await start(() => true);
    const port = Number(new URL(base).port);
    await expect(startHealthServer({ port, host: '127.0.0.1', metrics: createWorkerMetrics(new Registry()), ready: () => true })).rejects.toThrow(/EADDRINUSE/);
  });
});
