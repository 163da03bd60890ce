import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import * as fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { runGit, startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { tempDir } from '../temp-dir.js';
import type { TempDir } from '../temp-dir.js';
import { createServedRepo } from './served-repo.js';

describe('createServedRepo', () => {
  let root: TempDir;
  let server: GitServer;
  const onAuth = (): { username: string; password: string } => ({ username: 'ci', password: 'pw' });

  beforeAll(async () => {
    root = await tempDir('served-root');
    server = await startGitServer({ root: root.path, auth: { username: 'ci', password: 'pw' } });
  });

  afterAll(async () => {
    await server.stop();
    await root.cleanup();
  });

  it('serves the files at once and later pushes over HTTP', async () => {
    const repo = await createServedRepo(server, 'team/guestbook.git', { 'guestbook.yaml': 'image: v1\n' });
    const clones = await tempDir('served-clone');
    try {
      expect(repo.url).toBe(`${server.url}/team/guestbook.git`);
      const dir = join(clones.path, 'iso');
      await git.clone({ fs, http, dir, url: repo.url, onAuth });
      expect(fs.readFileSync(join(dir, 'guestbook.yaml'), 'utf8')).toBe('image: v1\n');

      const sha = await repo.commit({ 'guestbook.yaml': 'image: v2\n' }, 'bump');
      await repo.tag('v2', { annotated: true });
      await repo.push();
      await git.fetch({ fs, http, dir, url: repo.url, tags: true, onAuth });
      expect(await git.resolveRef({ fs, dir, ref: 'refs/remotes/origin/main' })).toBe(sha);
      const tagOid = await git.resolveRef({ fs, dir, ref: 'refs/tags/v2' });
      expect((await git.readTag({ fs, dir, oid: tagOid })).tag.object).toBe(sha);
    } finally {
      await repo.cleanup();
      await clones.cleanup();
    }
    const authed = new URL(repo.url);
    authed.username = 'ci';
    authed.password = 'pw';
    await expect(runGit(['ls-remote', authed.toString()])).rejects.toThrow(/not found/);
  });
});
