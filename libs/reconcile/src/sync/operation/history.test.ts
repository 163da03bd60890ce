import { describe, expect, it } from '@jest/globals';
import { ConflictError, InvalidInputError } from '@driftless/api';
import type { Application, RevisionHistory } from '@driftless/api';
import { appendHistory, nextHistoryId, rollbackOperation } from './history.js';

const entry = (revision: string): Omit<RevisionHistory, 'id'> => ({ revision, deployedAt: '2026-03-01T10:00:00Z', source: { repoURL: 'https://git.example/gb.git', targetRevision: 'HEAD' } });
const filled = (count: number, firstId = 0): RevisionHistory[] => Array.from({ length: count }, (_, i) => ({ ...entry(`r${firstId + i}`), id: firstId + i }));

describe('appendHistory', () => {
  it.each<[string, RevisionHistory[] | undefined, number | undefined, number[]]>([
    ['starts at id 0', undefined, undefined, [0]],
    ['continues from the last id', filled(2, 4), undefined, [4, 5, 6]],
    ['drops the oldest beyond the default limit of 10', filled(10), undefined, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ['honours revisionHistoryLimit', filled(3), 2, [2, 3]],
    ['keeps none with a limit of 0', filled(1), 0, []],
  ])('%s', (_name, history, limit, ids) => {
    const before = JSON.stringify(history);
    expect(appendHistory(history, entry('new'), limit).map((h) => h.id)).toEqual(ids);
    expect(JSON.stringify(history)).toBe(before);
  });

  it('names the next id', () => {
    expect(nextHistoryId(filled(3, 7))).toBe(10);
  });
});

describe('rollbackOperation', () => {
  const app = (extra: Partial<Application['spec']> = {}, history: RevisionHistory[] = filled(3)): Application => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook' },
    spec: { project: 'default', destination: { namespace: 'prod' }, syncPolicy: { syncOptions: ['CreateNamespace=true'] }, ...extra },
    status: { history },
  });

  it("syncs to the entry's revision and source with the apply strategy and the app's sync options", () => {
    expect(rollbackOperation(app(), 1, { prune: true, username: 'alice' })).toEqual({
      sync: { revision: 'r1', dryRun: false, prune: true, syncOptions: ['CreateNamespace=true'], syncStrategy: { apply: {} }, source: { repoURL: 'https://git.example/gb.git', targetRevision: 'HEAD' } },
      initiatedBy: { username: 'alice' },
    });
  });

  it('rolls multi-source entries back to every source and revision', () => {
    const sources = [{ repoURL: 'https://git.example/a.git' }, { repoURL: 'https://git.example/b.git' }];
    const op = rollbackOperation(app({}, [{ id: 3, revisions: ['a1', 'b1'], sources, deployedAt: '2026-03-01T10:00:00Z' }]), 3);
    expect(op.sync).toMatchObject({ revisions: ['a1', 'b1'], sources });
  });

  it('refuses an unknown id and automated apps', () => {
    expect(() => rollbackOperation(app(), 42)).toThrow(new InvalidInputError('application guestbook does not have deployment with id 42'));
    expect(() => rollbackOperation(app({ syncPolicy: { automated: {} } }), 1)).toThrow(new ConflictError('rollback cannot be initiated when auto-sync is enabled'));
    expect(rollbackOperation(app({ syncPolicy: { automated: { enabled: false } } }), 1).sync?.revision).toBe('r1');
  });
});
