// Loads the YAML fixtures of src/controllers/__fixtures__ (named by the outcome they lead to).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { isJsonObject } from '../../model/json.js';
import type { KubeObject } from '../../model/kube-object.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../__fixtures__');

function isKubeObject(value: unknown): value is KubeObject {
  return isJsonObject(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string' && isJsonObject(value['metadata']);
}

/** All objects of a fixture file (multi-document YAML); throws on anything that is not an object. */
export function loadFixture(file: string): KubeObject[] {
  const documents = parseAllDocuments(readFileSync(path.join(FIXTURES, file), 'utf8'));
  return documents.map((document, index) => {
    const value: unknown = document.toJS();
    if (!isKubeObject(value)) throw new Error(`${file}: document ${index} is not a Kubernetes object`);
    return value;
  });
}

/** The single object of a fixture file. */
export function loadObject(file: string): KubeObject {
  const [first, ...rest] = loadFixture(file);
  if (first === undefined || rest.length > 0) throw new Error(`${file}: expected exactly one object`);
  return first;
}
