// Plain directory sources through renderSource: Argo's file selection and every kind of bad input.
import { afterEach, describe, expect, it } from '@jest/globals';
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInputError, NotFoundError } from '@driftless/api';
import type { ApplicationSource } from '@driftless/api';
import { tempDir } from '@driftless/testing';
import type { TempDir } from '@driftless/testing';
import { renderSource } from './render-source.js';
import type { RenderLimits } from './render-types.js';
import type { ToolRunner } from './tool-runner.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const NO_TOOLS: ToolRunner = { run: () => Promise.reject(new Error('a directory source must not run tools')) };
const REPO = 'https://git.example.com/demo.git';

function render(source: Omit<ApplicationSource, 'repoURL'>, repoRoot = FIXTURES, limits?: RenderLimits) {
  return renderSource({ repoRoot, source: { repoURL: REPO, ...source }, appName: 'demo', namespace: 'default', tools: NO_TOOLS, limits });
}

function names(objects: readonly { kind: string; metadata: { name?: string } }[]): string[] {
  return objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

const scratch: TempDir[] = [];
async function scratchRepo(): Promise<string> {
  const dir = await tempDir('render-dir');
  scratch.push(dir);
  return dir.path;
}
afterEach(async () => {
  await Promise.all(scratch.splice(0).map((dir) => dir.cleanup()));
});

describe('renderSource with a plain directory', () => {
  it('reads YAML (multi-document, empty documents skipped), JSON and List files in sorted order', async () => {
    const result = await render({ path: 'dir-basic' });
    expect(result.sourceType).toBe('Directory');
    expect(names(result.objects)).toEqual(['ConfigMap/app-config', 'Service/web', 'Secret/app-secret', 'ServiceAccount/builder', 'ServiceAccount/deployer']);
  });

  it('descends into subdirectories only with recurse', async () => {
    const result = await render({ path: 'dir-basic', directory: { recurse: true } });
    expect(names(result.objects)).toContain('Deployment/web');
  });

  it('applies include and exclude globs to paths relative to the source path, exclude winning', async () => {
    const included = await render({ path: 'dir-globs', directory: { recurse: true, include: '{config.json,env-usw2/*.yaml}' } });
    expect(names(included.objects)).toEqual(['ConfigMap/config-json', 'ConfigMap/usw2-app', 'ConfigMap/usw2-secret']);
    const excluded = await render({ path: 'dir-globs', directory: { recurse: true, include: '*.yaml', exclude: '*secret*' } });
    expect(names(excluded.objects)).toEqual(['ConfigMap/euw1-app', 'ConfigMap/usw2-app', 'ConfigMap/top']);
  });

  it('gives the same objects in the same order on every render', async () => {
    const first = await render({ path: 'dir-basic', directory: { recurse: true } });
    const second = await render({ path: 'dir-basic', directory: { recurse: true } });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('names the file and line of malformed YAML', async () => {
    const error = await rejection(render({ path: 'dir-malformed' }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/^dir-malformed\/broken\.yaml:7: malformed YAML/);
    expect(error.message).not.toContain('unclosed');
  });

  it('names the file and document of an object without kind', async () => {
    const error = await rejection(render({ path: 'dir-missing-kind' }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('dir-missing-kind/objects.yaml document 2: missing kind');
  });

  it('names the file and document of an object without metadata.name', async () => {
    const error = await rejection(render({ path: 'dir-missing-name' }));
    expect(error.message).toBe('dir-missing-name/objects.yaml document 1: ConfigMap is missing metadata.name');
  });

  it('rejects duplicate objects naming both files', async () => {
    const error = await rejection(render({ path: 'dir-duplicates', directory: { recurse: true } }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('duplicate object apps/Deployment/apps/web in dir-duplicates/more/two.yaml document 2 and dir-duplicates/one.yaml document 1');
  });

  it('stops a YAML alias bomb', async () => {
    const error = await rejection(render({ path: 'dir-alias-bomb' }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain('dir-alias-bomb/bomb.yaml document 1: too many YAML alias references');
  });

  it('rejects a file over the size limit before parsing it', async () => {
    const repo = await scratchRepo();
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(4096)}"\n`;
    await writeFile(path.join(repo, 'big.yaml'), big);
    const error = await rejection(render({ path: '.' }, repo, { maxFileBytes: 1024 }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe(`big.yaml is ${Buffer.byteLength(big)} bytes, larger than the 1024 bytes allowed`);
  });

  it('rejects a 50 MB manifest with the default limits, naming the file and the limit', async () => {
    const repo = await scratchRepo();
    const size = 50 * 1024 * 1024;
    await writeFile(path.join(repo, 'huge.yaml'), Buffer.alloc(size, 'a'));
    const error = await rejection(render({ path: '.' }, repo));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe(`huge.yaml is ${size} bytes, larger than the 10485760 bytes allowed`);
  });

  it('rejects a directory whose files together exceed the limit before parsing any', async () => {
    const error = await rejection(render({ path: 'dir-basic' }, FIXTURES, { maxDirectoryBytes: 300 }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/^the manifest files of dir-basic total \d+ bytes, more than the 300 bytes allowed$/);
  });

  it.each([['../x'], ['dir-basic/../../x'], ['/etc']])('rejects the source path %s as outside the repository root', async (sourcePath) => {
    const error = await rejection(render({ path: sourcePath }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/outside repository root$/);
  });

  it('reports a missing source path as not found', async () => {
    await expect(render({ path: 'no-such-dir' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a repository holding a symlink that points outside it, without echoing the target', async () => {
    const repo = await scratchRepo();
    await cp(path.join(FIXTURES, 'dir-basic'), path.join(repo, 'app'), { recursive: true });
    await symlink('/etc/passwd', path.join(repo, 'app', 'passwd.yaml'));
    const error = await rejection(render({ path: 'app' }, repo));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('symlink app/passwd.yaml points outside repository root');
  });

  it('rejects a source path that leaves the repository through a symlinked directory', async () => {
    const repo = await scratchRepo();
    const outside = await scratchRepo();
    await symlink(outside, path.join(repo, 'escape'));
    const error = await rejection(render({ path: 'escape' }, repo));
    expect(error.message).toBe('source path escape resolves through a symlink outside repository root');
  });

  it('follows symlinks to files inside the repository', async () => {
    const repo = await scratchRepo();
    await mkdir(path.join(repo, 'shared'));
    await mkdir(path.join(repo, 'app'));
    await writeFile(path.join(repo, 'shared', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n');
    await symlink('../shared/cm.yaml', path.join(repo, 'app', 'cm.yaml'));
    const result = await render({ path: 'app' }, repo);
    expect(names(result.objects)).toEqual(['ConfigMap/shared']);
  });

  it('rejects malformed JSON naming the file and line', async () => {
    const repo = await scratchRepo();
    await writeFile(path.join(repo, 'cm.json'), '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap"\n  "metadata": {}\n}\n');
    const error = await rejection(render({ path: '.' }, repo));
    expect(error.message).toBe('cm.json:4: malformed JSON');
  });
});
