// In-process access to the request pipeline for controllers: same rules, RVs and events as HTTP writes.
import { ApiError } from '../errors/api-error.js';
import type { JsonObject } from '../model/json.js';
import { metaString, metaStringMap } from '../model/meta.js';
import type { BucketRef } from '../model/object-ref.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { ApiDeps } from './api-context.js';
import { internalContext } from './api-context.js';
import { createObject } from './create.js';
import { deleteObject } from './delete.js';
import type { DeleteOptions, DeleteResult } from './delete.js';
import { present, refOf } from './helpers.js';
import { patchObject } from './patch.js';
import type { WriteTarget } from './system-meta.js';
import { replaceObject } from './update.js';

/** A resource type as controllers name it. */
export interface TypeRef {
  readonly group: string;
  readonly version?: string;
  readonly resource: string;
}

/**
 * The loopback client: every write goes through the same create/update/patch/delete functions as
 * HTTP requests, recorded under `fieldManager`. Reads return fresh copies.
 */
export class ObjectApi {
  constructor(
    readonly deps: ApiDeps,
    private readonly fieldManager: string,
  ) {}

  /** The same API writing under another manager name. */
  as(fieldManager: string): ObjectApi {
    return new ObjectApi(this.deps, fieldManager);
  }

  /** The descriptor of a type (its given version, else the preferred one); 404 when not served. */
  descriptor(type: TypeRef): ResourceDescriptor {
    const versions = this.deps.registry.versionsOf(type);
    const desc = type.version === undefined ? versions[0] : versions.find((d) => d.version === type.version);
    if (desc === undefined) throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${type.group}/${type.resource})`);
    return desc;
  }

  /** One object, or undefined. */
  get(type: TypeRef, namespace: string | undefined, name: string): JsonObject | undefined {
    const desc = this.descriptor(type);
    const stored = this.deps.store.get(refOf(desc, namespace, name));
    return stored === undefined ? undefined : present(desc, stored.object);
  }

  /** Objects of a type, optionally in one namespace and carrying every label in `matchLabels`. */
  list(type: TypeRef, namespace?: string, matchLabels?: Readonly<Record<string, string>>): JsonObject[] {
    const desc = this.descriptor(type);
    return this.deps.store
      .list(type as BucketRef, desc.namespaced ? namespace : undefined)
      .map((s) => present(desc, s.object))
      .filter((obj) => {
        if (matchLabels === undefined) return true;
        const labels = metaStringMap(obj, 'labels');
        return Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
      });
  }

  /** POST. */
  create(type: TypeRef, obj: JsonObject): JsonObject {
    const desc = this.descriptor(type);
    return createObject(this.deps, desc, desc.namespaced ? metaString(obj, 'namespace') : undefined, obj, internalContext(this.fieldManager));
  }

  /** PUT of the main resource, /status or /finalize; metadata.resourceVersion is the precondition. */
  update(type: TypeRef, obj: JsonObject, target: WriteTarget = 'main'): JsonObject {
    const desc = this.descriptor(type);
    return replaceObject(this.deps, desc, metaString(obj, 'namespace'), metaString(obj, 'name') ?? '', obj, internalContext(this.fieldManager), target);
  }

  /** JSON merge patch of the main resource or /status. */
  mergePatch(type: TypeRef, namespace: string | undefined, name: string, patch: JsonObject, target: WriteTarget = 'main'): JsonObject {
    return patchObject(this.deps, this.descriptor(type), namespace, name, 'merge', patch, internalContext(this.fieldManager), target);
  }

  /** DELETE with options. */
  delete(type: TypeRef, namespace: string | undefined, name: string, options: DeleteOptions = {}): DeleteResult {
    return deleteObject(this.deps, this.descriptor(type), namespace, name, options, internalContext(this.fieldManager));
  }
}
