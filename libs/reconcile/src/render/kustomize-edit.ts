// Applies an Application's kustomize options to a kustomization, as the `kustomize edit` commands Argo
// CD runs would (set nameprefix/namesuffix/image/namespace/replicas, add label/annotation/component).
import { InvalidInputError } from '@driftless/api';
import type { ApplicationSourceKustomize } from '@driftless/api';

/** A kustomization file's content as plain data. */
export type Kustomization = Record<string, unknown>;

/** Values `commonAnnotationsEnvsubst` may substitute: `$ARGOCD_APP_NAME`, `${ARGOCD_APP_NAMESPACE}`. */
export interface EditContext {
  appName: string;
  namespace: string;
  /** True when kustomize.components paths exist, keyed by the path as given. */
  componentExists: (component: string) => boolean;
}

/** An `images` entry of a kustomization. */
export interface KustomizeImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** True when any option would change the kustomization (so a kustomization file is needed). */
export function hasKustomizeEdits(options: ApplicationSourceKustomize): boolean {
  const lists = [options.images, options.replicas, options.patches, options.components];
  const maps = [options.commonLabels, options.commonAnnotations];
  return (
    [options.namePrefix, options.nameSuffix, options.namespace].some((v) => v !== undefined && v !== '') ||
    lists.some((v) => v !== undefined && v.length > 0) ||
    maps.some((v) => v !== undefined && Object.keys(v).length > 0)
  );
}

/**
 * Parses an Argo image override `[old=]new[:tag|@digest]` into an `images` entry.
 * Examples: `nginx:1.27` → `{name: nginx, newTag: 1.27}`; `nginx=ghcr.io/x/nginx@sha256:ab` →
 * `{name: nginx, newName: ghcr.io/x/nginx, digest: sha256:ab}`.
 */
export function parseImageOverride(override: string): KustomizeImage {
  const equals = override.indexOf('=');
  const reference = splitReference(equals < 0 ? override : override.slice(equals + 1));
  const name = equals < 0 ? reference.image : override.slice(0, equals);
  const image: KustomizeImage = { name };
  if (equals >= 0 && reference.image !== '') image.newName = reference.image;
  if (reference.tag !== undefined) image.newTag = reference.tag;
  if (reference.digest !== undefined) image.digest = reference.digest;
  return image;
}

function splitReference(reference: string): { image: string; tag?: string; digest?: string } {
  const at = reference.indexOf('@');
  if (at >= 0) return { image: reference.slice(0, at), digest: reference.slice(at + 1) };
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) return { image: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { image: reference };
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}

function stringMap(value: unknown): Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, string>) } : {};
}

function invalid(message: string, field: string): InvalidInputError {
  return new InvalidInputError(message, { problems: [{ path: `source.kustomize.${field}`, message }] });
}

/**
 * Returns a copy of `kustomization` with `options` applied. Like `kustomize edit`: prefix, suffix and
 * namespace replace; images and replicas are upserted by name; labels and annotations are added and a
 * key already present is an InvalidInputError unless `forceCommonLabels`/`forceCommonAnnotations`;
 * components and patches are appended. `labelWithoutSelector` adds a `labels` entry instead.
 */
export function applyKustomizeOptions(kustomization: Kustomization, options: ApplicationSourceKustomize, context: EditContext): Kustomization {
  const result: Kustomization = { ...kustomization };
  if (options.namePrefix !== undefined && options.namePrefix !== '') result['namePrefix'] = options.namePrefix;
  if (options.nameSuffix !== undefined && options.nameSuffix !== '') result['nameSuffix'] = options.nameSuffix;
  if (options.namespace !== undefined && options.namespace !== '') result['namespace'] = options.namespace;
  if (options.images !== undefined && options.images.length > 0) result['images'] = upsertImages(records(result['images']), options.images);
  if (options.replicas !== undefined && options.replicas.length > 0) result['replicas'] = upsertReplicas(records(result['replicas']), options);
  applyLabels(result, options);
  if (options.commonAnnotations !== undefined && Object.keys(options.commonAnnotations).length > 0) {
    const annotations = options.commonAnnotationsEnvsubst === true ? substituted(options.commonAnnotations, context) : options.commonAnnotations;
    result['commonAnnotations'] = addPairs(stringMap(result['commonAnnotations']), annotations, options.forceCommonAnnotations === true, 'commonAnnotations');
  }
  const components = (options.components ?? []).filter((c) => options.ignoreMissingComponents !== true || context.componentExists(c));
  if (components.length > 0) {
    const existing = Array.isArray(result['components']) ? (result['components'] as unknown[]) : [];
    result['components'] = [...existing, ...components.filter((c) => !existing.includes(c))];
  }
  if (options.patches !== undefined && options.patches.length > 0) result['patches'] = [...records(result['patches']), ...options.patches];
  return result;
}

function upsertImages(existing: Record<string, unknown>[], overrides: readonly string[]): Record<string, unknown>[] {
  const images = existing.map((image) => ({ ...image }));
  for (const override of overrides) {
    const image = parseImageOverride(override);
    const found = images.find((entry) => entry['name'] === image.name);
    if (found === undefined) {
      images.push({ ...image });
      continue;
    }
    if (image.newName !== undefined) found['newName'] = image.newName;
    if (image.newTag !== undefined) {
      found['newTag'] = image.newTag;
      delete found['digest'];
    }
    if (image.digest !== undefined) {
      found['digest'] = image.digest;
      delete found['newTag'];
    }
  }
  return images;
}

function upsertReplicas(existing: Record<string, unknown>[], options: ApplicationSourceKustomize): Record<string, unknown>[] {
  const replicas = existing.map((replica) => ({ ...replica }));
  for (const [index, replica] of (options.replicas ?? []).entries()) {
    const count = typeof replica.count === 'number' ? replica.count : Number(replica.count);
    if (!Number.isInteger(count)) throw invalid(`replicas[${index}].count must be an integer`, `replicas[${index}].count`);
    const found = replicas.find((entry) => entry['name'] === replica.name);
    if (found === undefined) replicas.push({ name: replica.name, count });
    else found['count'] = count;
  }
  return replicas;
}

function applyLabels(result: Kustomization, options: ApplicationSourceKustomize): void {
  const labels = options.commonLabels;
  if (labels === undefined || Object.keys(labels).length === 0) return;
  if (options.labelWithoutSelector === true) {
    const entry: Record<string, unknown> = { pairs: { ...labels } };
    if (options.labelIncludeTemplates === true) entry['includeTemplates'] = true;
    result['labels'] = [...records(result['labels']), entry];
    return;
  }
  result['commonLabels'] = addPairs(stringMap(result['commonLabels']), labels, options.forceCommonLabels === true, 'commonLabels');
}

function addPairs(existing: Record<string, string>, added: Record<string, string>, force: boolean, field: string): Record<string, string> {
  for (const [key, value] of Object.entries(added)) {
    if (!force && key in existing) throw invalid(`${field}: ${key} already in kustomization file (set force to override)`, field);
    existing[key] = value;
  }
  return existing;
}

// envsubst semantics: `$NAME` and `${NAME}` replaced, unknown variables become empty.
function substituted(annotations: Record<string, string>, context: EditContext): Record<string, string> {
  const variables: Record<string, string> = { ARGOCD_APP_NAME: context.appName, ARGOCD_APP_NAMESPACE: context.namespace };
  const expand = (value: string): string => value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_match, braced: string | undefined, bare: string | undefined) => variables[braced ?? bare ?? ''] ?? '');
  return Object.fromEntries(Object.entries(annotations).map(([key, value]) => [key, expand(value)]));
}
