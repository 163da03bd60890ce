// FieldsV1 encoding: round trips of the managedFields published in the Kubernetes SSA documentation,
// upstream key order and "." placement, and the encoding of each path element kind.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { JsonObject } from '../model/json.js';
import { builtinSchema, FieldSet, fieldSetOf, fromFieldsV1, pathToString, serverSideApply, SsaError, toFieldsV1 } from './index.js';
import { stripServerFields } from './object-fields.js';
import { fieldElement, keyElement, valueElement } from './path-element.js';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const docObject = (name: string): JsonObject => parseAllDocuments(fixture(name))[0]?.toJS() as JsonObject;
const entriesOf = (object: JsonObject): JsonObject[] => (object['metadata'] as JsonObject)['managedFields'] as JsonObject[];

describe('FieldsV1 of the Kubernetes documentation', () => {
  const documented = ['configmap-doc-one-manager.yaml', 'configmap-doc-two-managers.yaml', 'crd-doc-atomic-data.yaml'].flatMap((file) =>
    entriesOf(docObject(file)).map((entry) => [`${file} ${String(entry['manager'])}`, entry['fieldsV1'] as JsonObject] as const),
  );

  it.each(documented)('%s survives a decode/encode round trip', (_name, fieldsV1) => {
    expect(toFieldsV1(fromFieldsV1(fieldsV1))).toEqual(fieldsV1);
  });

  it('reads the single-manager ConfigMap as two leaf paths', () => {
    const [entry] = entriesOf(docObject('configmap-doc-one-manager.yaml'));
    const set = fromFieldsV1(entry?.['fieldsV1'] as JsonObject);
    expect(set.paths().map(pathToString)).toEqual(['.data.key', '.metadata.labels.test-label']);
    // kube-apiserver writes keys in path-element order, so f:data precedes f:metadata
    expect(Object.keys(toFieldsV1(set))).toEqual(['f:data', 'f:metadata']);
  });

  it('is what applying the documented ConfigMap records', () => {
    const documentedObject = docObject('configmap-doc-one-manager.yaml');
    const [documentedEntry] = entriesOf(documentedObject);
    const metadata = { ...(documentedObject['metadata'] as JsonObject) };
    delete metadata['managedFields'];
    const result = serverSideApply({
      live: undefined,
      applied: { ...documentedObject, metadata },
      manager: 'kubectl',
      force: false,
      apiVersion: 'v1',
      schema: builtinSchema({ group: '', version: 'v1', kind: 'ConfigMap' }),
      now: new Date('2010-10-10T00:00:00Z'),
    });
    if (!result.ok) throw new Error('unexpected conflicts');
    expect(entriesOf(result.object)).toEqual([{ ...documentedEntry, time: '2010-10-10T00:00:00Z' }]);
  });
});

describe('FieldsV1 bytes', () => {
  const deployment = JSON.parse(fixture('deployment-fields-v1.json')) as { applied: JsonObject; fieldsV1: JsonObject; paths: string[] };

  it('lists members in upstream iteration order', () => {
    expect(fromFieldsV1(deployment.fieldsV1).paths().map(pathToString)).toEqual(deployment.paths);
  });

  it('encodes keys in upstream order with "." after the children', () => {
    expect(JSON.stringify(toFieldsV1(fromFieldsV1(deployment.fieldsV1)))).toBe(JSON.stringify(deployment.fieldsV1));
  });

  it('is the field set of the applied Deployment minus server-owned fields', () => {
    const schema = builtinSchema({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(JSON.stringify(toFieldsV1(stripServerFields(fieldSetOf(deployment.applied, schema))))).toBe(JSON.stringify(deployment.fieldsV1));
  });
});

describe('path element encoding', () => {
  it.each([
    ['field', fieldElement('a.b'), 'f:a.b', '.a.b'],
    ['key, sorted by field name', keyElement([['protocol', 'TCP'], ['containerPort', 80]]), 'k:{"containerPort":80,"protocol":"TCP"}', '[containerPort=80,protocol="TCP"]'],
    ['key with HTML-escaped characters as Go writes them', keyElement([['name', 'a<b&c>']]), 'k:{"name":"a\\u003cb\\u0026c\\u003e"}', '[name="a<b&c>"]'],
    ['set value', valueElement('example.com/finalizer'), 'v:"example.com/finalizer"', '[="example.com/finalizer"]'],
    ['numeric set value', valueElement(8080), 'v:8080', '[=8080]'],
    ['index', { kind: 'index', index: 2 } as const, 'i:2', '[2]'],
  ])('%s', (_name, element, serialized, printed) => {
    const fields = toFieldsV1(FieldSet.of([fieldElement('x'), element]));
    expect(fields).toEqual({ 'f:x': { [serialized]: {} } });
    expect(fromFieldsV1(fields).has([fieldElement('x'), element])).toBe(true);
    expect(pathToString([element])).toBe(printed);
  });

  it('drops element kinds it does not know, as upstream', () => {
    expect(fromFieldsV1({ 'f:a': {}, 'z:future': {} }).paths().map(pathToString)).toEqual(['.a']);
  });

  it.each([[{ x: {} }], [{ 'k:[1]': {} }], [{ 'f:a': 'leaf' }], [{ 'i:one': {} }]])('rejects malformed FieldsV1 %j', (fields) => {
    expect(() => fromFieldsV1(fields as JsonObject)).toThrow(SsaError);
  });
});
