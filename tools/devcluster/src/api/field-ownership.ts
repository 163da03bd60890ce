// metadata.managedFields through the SSA library (src/ssa): Update entries for every write (D4).
import type { JsonObject } from '../model/json.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { apiVersionOf } from '../registry/descriptor.js';
import { builtinSchema, crdSchema, recordUpdate } from '../ssa/index.js';
import type { SchemaLookup } from '../ssa/index.js';
import type { ApiDeps, RequestContext } from './api-context.js';
import type { WriteTarget } from './system-meta.js';

const UNTYPED: JsonObject = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** List and map semantics of a resource's fields: SMP tables for built-ins, the CRD schema for CRs. */
export function ownershipSchema(desc: ResourceDescriptor): SchemaLookup {
  return desc.custom ? crdSchema(desc.schema ?? UNTYPED) : builtinSchema({ group: desc.group, version: desc.version, kind: desc.kind });
}

/** Fields an endpoint does not track: status on the main endpoint (with /status), spec on /status. */
export function resetFields(desc: ResourceDescriptor, target: WriteTarget): string[][] {
  if (target === 'status') return [['spec']];
  return desc.statusSubresource ? [['status']] : [];
}

/** The managedFields subresource name of a write target. */
export function subresourceOf(target: WriteTarget): string | undefined {
  return target === 'main' ? undefined : target;
}

/** `after` with managedFields updated for an Update (create, PUT, PATCH, /status) by ctx.fieldManager. */
export function trackUpdate(deps: ApiDeps, desc: ResourceDescriptor, before: JsonObject | undefined, after: JsonObject, ctx: RequestContext, target: WriteTarget): JsonObject {
  const subresource = subresourceOf(target);
  return recordUpdate({
    before,
    after,
    manager: ctx.fieldManager,
    apiVersion: apiVersionOf(desc),
    schema: ownershipSchema(desc),
    now: new Date(deps.clock.now()),
    resetFields: resetFields(desc, target),
    ...(subresource === undefined ? {} : { subresource }),
  });
}
