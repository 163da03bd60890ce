// The requester against a real HTTP server that resets a connection under a request, as a server closing
// an idle kept-alive socket does: a GET is sent again and succeeds, a write is not sent twice.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as k8s from '@kubernetes/client-node';
import { UnavailableError } from '@driftless/api';
import { createKubeRequester } from './kube-request.js';

let server: http.Server;
let url: string;
const seen: string[] = [];
let resetNext = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
    if (resetNext > 0) {
      resetNext -= 1;
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'ConfigMap', metadata: { name: 'settings' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function requester() {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'test', server: url, skipTLSVerify: true }], users: [{ name: 'test' }], contexts: [{ name: 'test', cluster: 'test', user: 'test' }], currentContext: 'test' });
  return createKubeRequester(kc);
}

const PATH = '/api/v1/namespaces/shop/configmaps/settings';
const ctx = { verb: 'get', kind: 'ConfigMap', namespace: 'shop', name: 'settings' };

describe('createKubeRequester', () => {
  it('sends a GET once more when the connection is reset under it', async () => {
    seen.length = 0;
    resetNext = 1;
    await expect(requester().send({ method: 'GET', path: PATH }, ctx)).resolves.toMatchObject({ metadata: { name: 'settings' } });
    expect(seen).toEqual([`GET ${PATH}`, `GET ${PATH}`]);
  });

  it('gives up on a GET reset twice, and never repeats a write', async () => {
    seen.length = 0;
    resetNext = 2;
    await expect(requester().send({ method: 'GET', path: PATH }, ctx)).rejects.toThrow(UnavailableError);
    resetNext = 1;
    await expect(requester().send({ method: 'PATCH', path: PATH, body: { data: { mode: 'x' } }, contentType: 'application/merge-patch+json' }, { ...ctx, verb: 'patch' })).rejects.toThrow(UnavailableError);
    expect(seen).toEqual([`GET ${PATH}`, `GET ${PATH}`, `PATCH ${PATH}`]);
  });
});
