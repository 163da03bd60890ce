// The /scale subresource: an autoscaling/v1 Scale view of spec/status replicas, writable through PUT and PATCH.
import { badRequest, notFound } from '../errors/statuses.js';
import { cloneJson, isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { firstAt } from '../model/json-path.js';
import { metaString } from '../model/meta.js';
import type { ResourceDescriptor, ScaleSubresource } from '../registry/descriptor.js';
import { formatMatchLabels } from '../selectors/label-selector.js';
import type { ApiDeps, RequestContext } from './api-context.js';
import { applyPatch } from './patch.js';
import type { PatchType } from './patch.js';
import { commitUpdate, expectedRevision, getExisting } from './update.js';

function scaleSpec(desc: ResourceDescriptor): ScaleSubresource {
  if (desc.scale === undefined) throw notFound({ group: desc.group, resource: `${desc.resource}/scale` }, '');
  return desc.scale;
}

function selectorString(desc: ResourceDescriptor, obj: JsonObject, scale: ScaleSubresource): string | undefined {
  if (desc.custom) {
    const value = scale.labelSelectorPath === undefined ? undefined : firstAt(obj, scale.labelSelectorPath);
    return typeof value === 'string' ? value : undefined;
  }
  const matchLabels = firstAt(obj, '.spec.selector.matchLabels');
  return isJsonObject(matchLabels) ? formatMatchLabels(Object.fromEntries(Object.entries(matchLabels).map(([k, v]) => [k, String(v)]))) : undefined;
}

/** The Scale object of `obj`. */
export function toScale(desc: ResourceDescriptor, obj: JsonObject): JsonObject {
  const scale = scaleSpec(desc);
  const meta = isJsonObject(obj['metadata']) ? obj['metadata'] : {};
  const spec = firstAt(obj, scale.specReplicasPath);
  const status = firstAt(obj, scale.statusReplicasPath);
  const selector = selectorString(desc, obj, scale);
  const scaleMeta: JsonObject = {};
  for (const field of ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp']) if (meta[field] !== undefined) scaleMeta[field] = meta[field] as JsonValue;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: scaleMeta,
    spec: { replicas: typeof spec === 'number' ? spec : 0 },
    status: { replicas: typeof status === 'number' ? status : 0, ...(selector === undefined ? {} : { selector }) },
  };
}

function setPath(obj: JsonObject, path: string, value: JsonValue): void {
  const steps = path.replace(/^\./, '').split('.');
  let node = obj;
  for (const step of steps.slice(0, -1)) {
    const child = node[step];
    node = isJsonObject(child) ? child : (node[step] = {});
  }
  node[steps[steps.length - 1] ?? ''] = value;
}

/** GET .../scale. */
export function getScale(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string): JsonObject {
  return toScale(desc, getExisting(deps, desc, namespace, name).object);
}

function writeScale(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string, scaleObj: JsonObject, ctx: RequestContext): JsonObject {
  const existing = getExisting(deps, desc, namespace, name);
  const replicas = isJsonObject(scaleObj['spec']) ? scaleObj['spec']['replicas'] : undefined;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(`Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`);
  }
  const expected = expectedRevision(desc, existing, scaleObj, true);
  const next = cloneJson(existing.object);
  setPath(next, scaleSpec(desc).specReplicasPath, replicas);
  return toScale(desc, commitUpdate(deps, desc, existing, next, ctx, 'main', expected));
}

/** PUT .../scale with a Scale body. */
export function replaceScale(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string, body: JsonValue, ctx: RequestContext): JsonObject {
  if (!isJsonObject(body)) throw badRequest('the body must be a Scale object');
  if (metaString(body, 'name') !== undefined && metaString(body, 'name') !== name) {
    throw badRequest(`the name of the object (${metaString(body, 'name') ?? ''}) does not match the name on the URL (${name})`);
  }
  return writeScale(deps, desc, namespace, name, body, ctx);
}

/** PATCH .../scale: the patch applies to the Scale view. */
export function patchScale(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string, type: PatchType, patch: JsonValue, ctx: RequestContext): JsonObject {
  const current = getScale(deps, desc, namespace, name);
  const patched = applyPatch(deps, desc, current, type === 'strategic' ? 'merge' : type, patch);
  return writeScale(deps, desc, namespace, name, patched, ctx);
}
