// Parsing tool output and files into objects: origins, Lists, limits.
import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { checkDuplicates } from './duplicates.js';
import { describeOrigin, parseManifests } from './parse-manifests.js';
import { DEFAULT_RENDER_LIMITS } from './render-types.js';

const limits = DEFAULT_RENDER_LIMITS;
const helmOutput = `---
# Source: web/templates/a.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
# Source: web/templates/b.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
`;

describe('parseManifests', () => {
  it('records the helm template each document came from and names it in duplicate errors', () => {
    const parsed = parseManifests(helmOutput, { file: 'helm template output', format: 'yaml', limits });
    expect(parsed.map((p) => describeOrigin(p.origin))).toEqual(['helm template output (web/templates/a.yaml) document 1', 'helm template output (web/templates/b.yaml) document 2']);
    expect(() => checkDuplicates(parsed)).toThrow('duplicate object /ConfigMap//a in helm template output (web/templates/a.yaml) document 1 and helm template output (web/templates/b.yaml) document 2');
  });

  it('flattens List items, naming an item in errors', () => {
    const list = { apiVersion: 'v1', kind: 'ConfigMapList', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }] };
    expect(() => parseManifests(JSON.stringify(list), { file: 'list.json', format: 'json', limits })).toThrow('list.json document 1 item 2: ConfigMap is missing metadata.name');
    list.items.pop();
    expect(parseManifests(JSON.stringify(list), { file: 'list.json', format: 'json', limits }).map((p) => p.object.metadata.name)).toEqual(['x']);
  });

  it('accepts generateName in place of name', () => {
    const parsed = parseManifests('apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n', { file: 'job.yaml', format: 'yaml', limits });
    expect(parsed).toHaveLength(1);
    expect(() => checkDuplicates([...parsed, ...parsed])).not.toThrow();
  });

  it('rejects documents that are not objects', () => {
    expect(() => parseManifests('- a\n- b\n', { file: 'list.yaml', format: 'yaml', limits })).toThrow('list.yaml document 1: not a Kubernetes object');
  });

  it('checks the size of tool output before parsing it', () => {
    const error = (() => {
      try {
        parseManifests('x'.repeat(200), { file: 'kustomize build output', format: 'yaml', limits: { ...limits, maxFileBytes: 100 } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error)).toContain('kustomize build output is 200 bytes, larger than the 100 bytes allowed');
  });

  it('ignores unrelated YAML only when asked, and never a file that looks like a manifest', () => {
    expect(parseManifests('foo: bar\n', { file: 'values.yaml', format: 'yaml', limits, skipNonManifests: true })).toEqual([]);
    expect(() => parseManifests('foo: bar\n', { file: 'out', format: 'yaml', limits })).toThrow('out document 1: missing apiVersion');
    expect(() => parseManifests('apiVersion: v1\nkind: X\nmetadata: {}\n', { file: 'm.yaml', format: 'yaml', limits, skipNonManifests: true })).toThrow('missing metadata.name');
  });
});
