import { describe, expect, it } from '@jest/globals';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { UnavailableError } from '@driftless/api';
import { abortable, guardHttpClient } from './git-http.js';

async function* chunks(...sizes: number[]): AsyncIterableIterator<Uint8Array> {
  for (const size of sizes) yield new Uint8Array(size);
}

/** A fake transport: answers by URL from `routes`, recording every request. */
function fakeHttp(routes: Record<string, () => GitHttpResponse>): { http: HttpClient; seen: GitHttpRequest[] } {
  const seen: GitHttpRequest[] = [];
  return {
    seen,
    http: {
      request: async (request) => {
        seen.push(request);
        const route = routes[request.url];
        if (route === undefined) return { url: request.url, statusCode: 404, statusMessage: 'Not Found', headers: {}, body: chunks() };
        return route();
      },
    },
  };
}

const ok = (url: string, ...sizes: number[]) => (): GitHttpResponse => ({
  url,
  statusCode: 200,
  statusMessage: 'OK',
  headers: {},
  body: chunks(...sizes),
});
const redirect = (url: string, location: string) => (): GitHttpResponse => ({
  url,
  statusCode: 302,
  statusMessage: 'Found',
  headers: { location },
  body: chunks(),
});

async function drain(response: GitHttpResponse): Promise<number> {
  let total = 0;
  for await (const chunk of response.body ?? chunks()) total += chunk.byteLength;
  return total;
}

describe('guardHttpClient', () => {
  const repoURL = 'https://git.example.com/team/app.git';

  it('follows redirects within the origin itself, without the base client following any', async () => {
    const { http, seen } = fakeHttp({
      [`${repoURL}/info/refs`]: redirect(`${repoURL}/info/refs`, '/team/renamed.git/info/refs'),
      'https://git.example.com/team/renamed.git/info/refs': ok('https://git.example.com/team/renamed.git/info/refs', 10),
    });
    const guarded = guardHttpClient(http, { repoURL, controller: new AbortController(), maxBytes: 100 });
    const response = await guarded.request({ url: `${repoURL}/info/refs`, headers: { Authorization: 'Basic x' } });
    expect(response.statusCode).toBe(200);
    expect(await drain(response)).toBe(10);
    expect(seen.map((r) => r.url)).toEqual([`${repoURL}/info/refs`, 'https://git.example.com/team/renamed.git/info/refs']);
    expect(seen.every((r) => (r.fetchOptions as { followRedirects?: boolean }).followRedirects === false)).toBe(true);
  });

  it.each([
    ['another host', 'https://evil.example.net/steal'],
    ['another port', 'https://git.example.com:8443/team/app.git/info/refs'],
    ['a downgrade to http', 'http://git.example.com/team/app.git/info/refs'],
  ])('refuses a redirect to %s before sending anything there', async (_what, location) => {
    const { http, seen } = fakeHttp({ [`${repoURL}/info/refs`]: redirect(`${repoURL}/info/refs`, location) });
    const guarded = guardHttpClient(http, { repoURL, controller: new AbortController(), maxBytes: 100 });
    await expect(guarded.request({ url: `${repoURL}/info/refs` })).rejects.toThrow(/redirected to another host/);
    expect(seen).toHaveLength(1);
  });

  it('stops after too many redirects', async () => {
    const { http } = fakeHttp({ [`${repoURL}/info/refs`]: redirect(`${repoURL}/info/refs`, `${repoURL}/info/refs`) });
    const guarded = guardHttpClient(http, { repoURL, controller: new AbortController(), maxBytes: 100, maxRedirects: 2 });
    await expect(guarded.request({ url: `${repoURL}/info/refs` })).rejects.toThrow('redirected more than 2 times');
  });

  it('aborts the whole fetch once the responses exceed maxBytes', async () => {
    const { http } = fakeHttp({ [`${repoURL}/git-upload-pack`]: ok(`${repoURL}/git-upload-pack`, 60, 60) });
    const controller = new AbortController();
    const guarded = guardHttpClient(http, { repoURL, controller, maxBytes: 100 });
    const response = await guarded.request({ url: `${repoURL}/git-upload-pack`, method: 'POST' });
    await expect(drain(response)).rejects.toThrow('exceeded the size limit of 100 bytes');
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBeInstanceOf(UnavailableError);
    await expect(guarded.request({ url: `${repoURL}/info/refs` })).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe('abortable', () => {
  it('rejects with the abort reason while the promise is still pending', async () => {
    const controller = new AbortController();
    const pending = abortable(new Promise<never>(() => undefined), controller.signal);
    controller.abort(new UnavailableError('gone'));
    await expect(pending).rejects.toThrow('gone');
  });

  it('settles like the promise when nothing aborts', async () => {
    await expect(abortable(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
  });
});
