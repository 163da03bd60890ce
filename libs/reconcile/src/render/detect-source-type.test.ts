// Source type detection: explicit blocks first, then the files at the path's root.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '@driftless/api';
import type { ApplicationSource } from '@driftless/api';
import { detectSourceType } from './detect-source-type.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const repoURL = 'https://git.example.com/a.git';

describe('detectSourceType', () => {
  it.each<[string, ApplicationSource, string]>([
    ['chart-web', { repoURL }, 'Helm'],
    ['kustomize/base', { repoURL }, 'Kustomize'],
    ['kustomize', { repoURL }, 'Directory'],
    ['dir-basic', { repoURL }, 'Directory'],
    ['chart-web', { repoURL, directory: {} }, 'Directory'],
    ['dir-basic', { repoURL, kustomize: {} }, 'Kustomize'],
    ['dir-basic', { repoURL, helm: {} }, 'Helm'],
  ])('%s with %j is %s', async (dir, source, expected) => {
    await expect(detectSourceType(source, path.join(FIXTURES, dir))).resolves.toBe(expected);
  });

  it('rejects more than one explicit type', async () => {
    await expect(detectSourceType({ repoURL, helm: {}, directory: {} }, FIXTURES)).rejects.toBeInstanceOf(InvalidInputError);
  });
});
