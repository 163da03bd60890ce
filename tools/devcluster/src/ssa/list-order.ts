// The item order of a merged set or associative list: a port of upstream mergingWalker.visitListItems.
//
// Items both sides have follow the right (applied/new) side's order; items only the left (live) side
// has stay next to the shared item they followed; right-only items land where the right side puts them.
// Worked example, live [a b c d], applied [d x b]: shared order is d, b. a is live-only → a; b is
// shared but d comes first → skip b; c live-only → c; d is shared and next → d; x right-only → x;
// b → b. Result [a c d x b].
import type { JsonValue } from '../model/json.js';
import { serializeElement } from './path-element.js';
import type { PathElement } from './path-element.js';

/** One item of a merged list: its step and its value on each side (absent when that side lacks it). */
export interface ListPair {
  readonly element: PathElement;
  readonly left: JsonValue | undefined;
  readonly right: JsonValue | undefined;
}

/** A list side already named: each item with its step. */
export interface NamedItems {
  readonly items: readonly JsonValue[];
  readonly elements: readonly PathElement[];
}

/**
 * Pairs the items of two named lists in merged order. An element the left names twice is paired
 * with nothing on the left (upstream merges duplicates as new), and the right side's copy wins.
 */
export function pairListItems(left: NamedItems, right: NamedItems): ListPair[] {
  const leftKeys = left.elements.map(serializeElement);
  const rightKeys = right.elements.map(serializeElement);
  const observedLeft = observe(left.items, leftKeys);
  const observedRight = observe(right.items, rightKeys);
  const shared = rightKeys.filter((key) => observedLeft.has(key));
  let sharedIndex = 0;
  let nextShared: string | undefined = shared[sharedIndex];
  const advanceShared = (): void => {
    sharedIndex++;
    nextShared = shared[sharedIndex];
  };
  const mergedRight = new Set<string>();
  const out: ListPair[] = [];
  let l = 0;
  let r = 0;
  while (l < leftKeys.length || r < rightKeys.length) {
    const leftKey = leftKeys[l];
    const rightKey = rightKeys[r];
    if (leftKey !== undefined && rightKey !== undefined) {
      if (leftKey === rightKey) {
        mergedRight.add(leftKey);
        out.push({ element: left.elements[l] as PathElement, left: observedLeft.get(leftKey), right: observedRight.get(rightKey) });
        l++;
        r++;
        advanceShared();
        continue;
      }
      // a shared item that is not the next one the right side wants: let the right side catch up
      if (observedRight.has(leftKey) && nextShared !== undefined && nextShared !== leftKey) {
        l++;
        continue;
      }
    }
    if (leftKey !== undefined) {
      if (!observedRight.has(leftKey)) {
        out.push({ element: left.elements[l] as PathElement, left: left.items[l], right: undefined });
        l++;
        continue;
      }
      if (mergedRight.has(leftKey)) {
        l++;
        continue;
      }
    }
    if (rightKey !== undefined) {
      mergedRight.add(rightKey);
      out.push({ element: right.elements[r] as PathElement, left: observedLeft.get(rightKey), right: observedRight.get(rightKey) });
      r++;
      if (nextShared === rightKey) advanceShared();
    }
  }
  return out;
}

/** Items by key; a key seen twice maps to undefined (its items merge as if new). */
function observe(items: readonly JsonValue[], keys: readonly string[]): Map<string, JsonValue | undefined> {
  const observed = new Map<string, JsonValue | undefined>();
  keys.forEach((key, index) => observed.set(key, observed.has(key) ? undefined : items[index]));
  return observed;
}
