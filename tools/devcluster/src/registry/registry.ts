// Lookup of served resources by URL coordinates or kind; CRDs add and remove entries at run time.
import type { BucketRef } from '../model/object-ref.js';
import { BUILTIN_GROUP_ORDER, BUILTIN_RESOURCES } from './builtin-resources.js';
import type { ResourceDescriptor } from './descriptor.js';

/** A group as discovery shows it: versions in preference order. */
export interface GroupInfo {
  readonly name: string;
  readonly versions: readonly string[];
  readonly preferredVersion: string;
}

/**
 * All served resources. Built-ins are fixed; CRDs register one descriptor per served version
 * under the CRD's name. `generation` increases on every change (discovery and OpenAPI hashes).
 */
export class Registry {
  private readonly builtins: readonly ResourceDescriptor[];
  private readonly crds = new Map<string, readonly ResourceDescriptor[]>();
  private gen = 0;
  private cache: ResourceDescriptor[] | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(builtins: readonly ResourceDescriptor[] = BUILTIN_RESOURCES) {
    this.builtins = builtins;
  }

  /** Increases whenever the set of served resources changes. */
  get generation(): number {
    return this.gen;
  }

  /** Every served descriptor: built-ins first, then CRDs sorted by group and name. */
  all(): ResourceDescriptor[] {
    if (this.cache !== undefined) return this.cache;
    const custom = [...this.crds.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, d]) => d);
    this.cache = [...this.builtins, ...custom];
    return this.cache;
  }

  /** The descriptor for /apis/{group}/{version}/{resource}. */
  lookup(group: string, version: string, resource: string): ResourceDescriptor | undefined {
    return this.all().find((d) => d.group === group && d.version === version && d.resource === resource);
  }

  /** The descriptor serving a kind in a group/version. */
  lookupKind(group: string, version: string, kind: string): ResourceDescriptor | undefined {
    return this.all().find((d) => d.group === group && d.version === version && d.kind === kind);
  }

  /** Every served version of a bucket. */
  versionsOf(bucket: BucketRef): ResourceDescriptor[] {
    return this.all().filter((d) => d.group === bucket.group && d.resource === bucket.resource);
  }

  /** The descriptors of one group/version, in discovery order. */
  resourcesOf(group: string, version: string): ResourceDescriptor[] {
    return this.all().filter((d) => d.group === group && d.version === version);
  }

  /** Served groups, built-in order first (core '' excluded), then custom groups by name. */
  groups(): GroupInfo[] {
    const versions = new Map<string, string[]>();
    for (const d of this.all()) {
      if (d.group === '') continue;
      const list = versions.get(d.group) ?? [];
      if (!list.includes(d.version)) list.push(d.version);
      versions.set(d.group, list);
    }
    const names = [...versions.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return names.map((name) => {
      const list = sortVersions(versions.get(name) ?? []);
      return { name, versions: list, preferredVersion: list[0] ?? '' };
    });
  }

  /** Registers (or replaces) the descriptors served by a CRD. */
  setCrd(crdName: string, descriptors: readonly ResourceDescriptor[]): void {
    this.crds.set(crdName, descriptors);
    this.changed();
  }

  /** Stops serving a CRD's resources. */
  removeCrd(crdName: string): void {
    if (this.crds.delete(crdName)) this.changed();
  }

  /** Descriptors currently registered for a CRD. */
  crd(crdName: string): readonly ResourceDescriptor[] | undefined {
    return this.crds.get(crdName);
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.gen++;
    this.cache = undefined;
    for (const l of [...this.listeners]) l();
  }
}

function rank(group: string): number {
  const at = BUILTIN_GROUP_ORDER.indexOf(group);
  return at < 0 ? BUILTIN_GROUP_ORDER.length : at;
}

/** Kubernetes version priority: GA > beta > alpha, then higher numbers first (v2 > v1 > v1beta2). */
export function sortVersions(versions: readonly string[]): string[] {
  const key = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (m === null) return [3, 0, 0];
    const stage = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || (a < b ? -1 : a > b ? 1 : 0);
  });
}
