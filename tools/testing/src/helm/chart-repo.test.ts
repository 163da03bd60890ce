// The chart repository fixture: charts packaged and indexed by the real helm, served with Basic auth.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startChartRepo } from './chart-repo.js';
import type { ChartRepo } from './chart-repo.js';

const auth = { username: 'reader', password: 'chart-pw' };
const basic = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;

describe('startChartRepo', () => {
  let repo: ChartRepo;

  beforeAll(async () => {
    repo = await startChartRepo({ charts: [{ name: 'nginx', version: '1.0.0' }], auth });
  }, 120_000);
  afterAll(async () => {
    await repo?.stop();
  });

  it('serves an index naming every published version with archive URLs on the server', async () => {
    await repo.publish({ name: 'nginx', version: '1.1.0', files: { 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' } });
    const response = await fetch(`${repo.url}/index.yaml`, { headers: { authorization: basic } });
    expect(response.status).toBe(200);
    const index = await response.text();
    for (const version of ['1.0.0', '1.1.0']) {
      expect(index).toContain(`version: ${version}`);
      expect(index).toContain(`- ${repo.url}/nginx-${version}.tgz`);
    }
    const archive = await fetch(`${repo.url}/nginx-1.0.0.tgz`, { headers: { authorization: basic } });
    expect(archive.status).toBe(200);
    expect((await archive.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('asks for credentials, refuses wrong ones and serves nothing outside the repository', async () => {
    const wrong = `Basic ${Buffer.from('reader:nope').toString('base64')}`;
    expect((await fetch(`${repo.url}/index.yaml`)).status).toBe(401);
    expect((await fetch(`${repo.url}/index.yaml`, { headers: { authorization: wrong } })).status).toBe(401);
    expect((await fetch(`${repo.url}/..%2f..%2fetc%2fpasswd`, { headers: { authorization: basic } })).status).toBe(404);
    expect((await fetch(`${repo.url}/index.yaml`, { method: 'POST', headers: { authorization: basic } })).status).toBe(405);
  });

  it('records every request', async () => {
    const before = repo.requests.length;
    await fetch(`${repo.url}/index.yaml`, { headers: { authorization: basic } });
    expect(repo.requests.slice(before)).toEqual(['GET /index.yaml']);
  });
});
