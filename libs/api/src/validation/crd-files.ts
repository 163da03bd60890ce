// Locates and reads the CRD manifests shipped in libs/api/crds, so the dev cluster, `npm start` and tests
// install exactly the CRDs that validation checks against.

import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import type { CustomResourceDefinition } from '../types/custom-resource-definition.js';

/**
 * Absolute path (ending in a separator) of the folder holding one `*-crd.yaml` file per custom resource.
 * Found through the package, not this file's URL: in a bundled app this code no longer sits in libs/api.
 */
export const CRD_DIRECTORY: string = path.join(path.dirname(createRequire(import.meta.url).resolve('@driftless/api/package.json')), 'crds', path.sep);

let cachedTexts: ReadonlyMap<string, string> | undefined;

/** Absolute paths of the CRD files, sorted by name. */
export function crdFiles(): string[] {
  return [...crdTexts().keys()];
}

/**
 * Parses every CRD file into a fresh object (callers may mutate it), sorted by file name. Files are read
 * once per process; YAML anchors in them are expanded.
 */
export function loadCrdManifests(): CustomResourceDefinition[] {
  return [...crdTexts().values()].map((text) => parse(text) as CustomResourceDefinition);
}

function crdTexts(): ReadonlyMap<string, string> {
  if (cachedTexts === undefined) {
    const names = readdirSync(CRD_DIRECTORY)
      .filter((name) => name.endsWith('-crd.yaml'))
      .sort();
    cachedTexts = new Map(names.map((name) => [`${CRD_DIRECTORY}${name}`, readFileSync(`${CRD_DIRECTORY}${name}`, 'utf8')]));
  }
  return cachedTexts;
}
