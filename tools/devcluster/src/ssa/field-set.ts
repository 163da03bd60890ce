// A set of field paths stored as a tree (structured-merge-diff's fieldpath.Set), with its set algebra.
// Membership is per path: owning `.spec.replicas` says nothing about `.spec`, and vice versa.
import { compareElements, serializeElement } from './path-element.js';
import type { Path, PathElement } from './path-element.js';

interface Child {
  readonly element: PathElement;
  readonly set: FieldSet;
}

/**
 * A set of paths. Each node holds its member steps (paths ending here) and its children (steps
 * leading to deeper members); a step can be both, as `k:{"name":"app"}` with `.` in FieldsV1.
 * Operations return new sets and never share mutable state with their inputs' callers;
 * only `insert` mutates, for building a set.
 */
export class FieldSet {
  private readonly memberMap = new Map<string, PathElement>();
  private readonly childMap = new Map<string, Child>();

  /** A set holding exactly `paths`. */
  static of(...paths: readonly Path[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  /** A set of plain field paths, e.g. [['status'], ['metadata', 'name']]. */
  static ofFieldPaths(paths: readonly (readonly string[])[]): FieldSet {
    return FieldSet.of(...paths.map((names): Path => names.map((name): PathElement => ({ kind: 'field', name }))));
  }

  /** Adds `path` (not its parents); the empty path is ignored because nobody owns the whole object. */
  insert(path: Path): void {
    if (path.length === 0) return;
    const node = path.slice(0, -1).reduce<FieldSet>((set, element) => set.descend(element), this);
    const last = path[path.length - 1] as PathElement;
    node.memberMap.set(serializeElement(last), last);
  }

  /** True when `path` itself is a member. */
  has(path: Path): boolean {
    if (path.length === 0) return false;
    const node = path.slice(0, -1).reduce<FieldSet | undefined>((set, element) => set?.childMap.get(serializeElement(element))?.set, this);
    return node?.memberMap.has(serializeElement(path[path.length - 1] as PathElement)) ?? false;
  }

  /** True when the set has no member at any depth. */
  isEmpty(): boolean {
    return this.memberMap.size === 0 && [...this.childMap.values()].every((child) => child.set.isEmpty());
  }

  /** The members below `element`, relative to it (empty when there are none). */
  withPrefix(element: PathElement): FieldSet {
    return this.childMap.get(serializeElement(element))?.set ?? new FieldSet();
  }

  /** Member steps of this node, in upstream order. */
  members(): PathElement[] {
    return [...this.memberMap.values()].sort(compareElements);
  }

  /** Child steps with their subsets, in upstream order. */
  children(): { element: PathElement; set: FieldSet }[] {
    return [...this.childMap.values()].sort((a, b) => compareElements(a.element, b.element));
  }

  /** Every member path, preorder as upstream's Set.Iterate: a node's members, then each child's paths. */
  paths(): Path[] {
    const out: Path[] = this.members().map((element) => [element]);
    for (const child of this.children()) for (const path of child.set.paths()) out.push([child.element, ...path]);
    return out;
  }

  /** Paths in either set. */
  union(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const source of [this, other]) {
      for (const [key, element] of source.memberMap) out.memberMap.set(key, element);
      for (const [key, child] of source.childMap) {
        const existing = out.childMap.get(key);
        out.childMap.set(key, { element: child.element, set: existing === undefined ? child.set.union(new FieldSet()) : existing.set.union(child.set) });
      }
    }
    return out;
  }

  /** Paths in both sets. */
  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, element] of this.memberMap) if (other.memberMap.has(key)) out.memberMap.set(key, element);
    for (const [key, child] of this.childMap) {
      const theirs = other.childMap.get(key);
      if (theirs === undefined) continue;
      const both = child.set.intersection(theirs.set);
      if (!both.isEmpty()) out.childMap.set(key, { element: child.element, set: both });
    }
    return out;
  }

  /** Paths in this set and not in `other` (path by path: removing `.a` keeps `.a.b`). */
  difference(other: FieldSet): FieldSet {
    return this.subtract(other, false);
  }

  /** Like difference, but a member of `other` also removes everything below it: `.a.b` minus `.a` is empty. */
  recursiveDifference(other: FieldSet): FieldSet {
    return this.subtract(other, true);
  }

  /**
   * The set plus every field step that leads to members (upstream EnsureNamedFieldsAreMembers):
   * `.metadata.labels.app` also yields `.metadata` and `.metadata.labels`. Pruning uses it so a
   * field the applier stops setting disappears with its whole subtree. Keys of `map`-typed
   * objects are members already, so treating every field step as named is equivalent here.
   */
  withFieldParents(): FieldSet {
    const out = new FieldSet();
    for (const [key, element] of this.memberMap) out.memberMap.set(key, element);
    for (const [key, child] of this.childMap) {
      if (child.element.kind === 'field' && !child.set.isEmpty()) out.memberMap.set(key, child.element);
      out.childMap.set(key, { element: child.element, set: child.set.withFieldParents() });
    }
    return out;
  }

  /** True when both sets hold the same paths. */
  equals(other: FieldSet): boolean {
    return this.difference(other).isEmpty() && other.difference(this).isEmpty();
  }

  private subtract(other: FieldSet, recursive: boolean): FieldSet {
    const out = new FieldSet();
    for (const [key, element] of this.memberMap) if (!other.memberMap.has(key)) out.memberMap.set(key, element);
    for (const [key, child] of this.childMap) {
      if (recursive && other.memberMap.has(key)) continue;
      const theirs = other.childMap.get(key);
      const rest = theirs === undefined ? child.set.union(new FieldSet()) : child.set.subtract(theirs.set, recursive);
      if (!rest.isEmpty()) out.childMap.set(key, { element: child.element, set: rest });
    }
    return out;
  }

  private descend(element: PathElement): FieldSet {
    const key = serializeElement(element);
    const existing = this.childMap.get(key);
    if (existing !== undefined) return existing.set;
    const set = new FieldSet();
    this.childMap.set(key, { element, set });
    return set;
  }
}
