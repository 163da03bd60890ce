// GET of one object and LIST with selectors, resourceVersion semantics and limit/continue pagination.
import { badRequest, expired } from '../errors/statuses.js';
import type { JsonObject } from '../model/json.js';
import { metaStringMap } from '../model/meta.js';
import { itemKey } from '../model/object-ref.js';
import { apiVersionOf } from '../registry/descriptor.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { matchesFields } from '../selectors/field-selector.js';
import type { FieldSelector } from '../selectors/field-selector.js';
import { matchesLabels } from '../selectors/label-selector.js';
import type { LabelSelector } from '../selectors/label-selector.js';
import type { StoredObject } from '../store/store-types.js';
import type { ApiDeps } from './api-context.js';
import { present } from './helpers.js';
import { getExisting } from './update.js';

/** Parsed list parameters. */
export interface ListOptions {
  readonly labelSelector: LabelSelector;
  readonly fieldSelector: FieldSelector;
  readonly limit?: number;
  readonly continueToken?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
}

/** GET of one object: a fresh copy, as served through `desc`. */
export function getObject(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string): JsonObject {
  return present(desc, getExisting(deps, desc, namespace, name).object);
}

interface ContinueToken {
  readonly rv: number;
  readonly start: string;
}

const EXPIRED_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** Opaque to clients, not tied to the first page's selectors (D26). */
function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof parsed.rv === 'number' && typeof parsed.start === 'string') return { rv: parsed.rv, start: parsed.start };
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

/** True when an object passes both selectors. */
export function matchesSelectors(desc: ResourceDescriptor, obj: JsonObject, labels: LabelSelector, fields: FieldSelector): boolean {
  return matchesLabels(labels, metaStringMap(obj, 'labels')) && matchesFields(fields, obj, desc.fieldSelectors);
}

/**
 * LIST: items sorted by namespace/name; built-in items lose kind/apiVersion (as upstream); a
 * continue token reads the snapshot of the first page (410 once compacted); resourceVersionMatch
 * =Exact reads that revision.
 */
export function listObjects(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, options: ListOptions): JsonObject {
  const bucket = { group: desc.group, resource: desc.resource };
  let revision = deps.store.revision;
  let start = '';
  let source: StoredObject[] | undefined;
  const rvParam = options.resourceVersion ?? '';
  if (options.continueToken !== undefined && options.continueToken !== '') {
    if (rvParam !== '' && rvParam !== '0') throw badRequest('specifying resource version is not allowed when using continue');
    const token = decodeContinue(options.continueToken);
    source = deps.store.listAt(bucket, token.rv, namespace);
    if (source === undefined) throw expired(EXPIRED_CONTINUE);
    revision = token.rv;
    start = token.start;
  } else if (options.resourceVersionMatch === 'Exact') {
    const rv = Number(rvParam);
    if (!Number.isInteger(rv) || rv <= 0) throw badRequest('resourceVersionMatch: Invalid value: "Exact": resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
    source = deps.store.listAt(bucket, rv, namespace);
    if (source === undefined) throw expired(`too old resource version: ${rv} (${deps.store.compactedRevision})`);
    revision = rv;
  } else source = deps.store.list(bucket, namespace);
  const matching = source.filter((s) => (start === '' || itemKey(s.ref.namespace, s.ref.name) > start) && matchesSelectors(desc, s.object, options.labelSelector, options.fieldSelector));
  const limit = options.limit !== undefined && options.limit > 0 ? options.limit : matching.length;
  const page = matching.slice(0, limit);
  const metadata: JsonObject = { resourceVersion: String(revision) };
  if (page.length < matching.length) {
    const last = page[page.length - 1];
    if (last !== undefined) metadata['continue'] = encodeContinue({ rv: revision, start: itemKey(last.ref.namespace, last.ref.name) });
    const unfiltered = options.labelSelector.requirements.length === 0 && options.fieldSelector.requirements.length === 0;
    if (unfiltered) metadata['remainingItemCount'] = matching.length - page.length;
  }
  const items = page.map((s) => {
    const obj = present(desc, s.object);
    if (!desc.custom) {
      delete obj['kind'];
      delete obj['apiVersion'];
    }
    return obj;
  });
  return { kind: desc.listKind, apiVersion: apiVersionOf(desc), metadata, items };
}
