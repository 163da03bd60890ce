// SSA semantics of metav1.ObjectMeta, shared by every kind, built-in or custom.
import type { FieldSemantics } from './schema.js';

/**
 * The semantics of `metadata.<path>` (path given without the leading `metadata`), from the
 * markers on apimachinery's ObjectMeta: finalizers `+listType=set`, ownerReferences
 * `+listType=map +listMapKey=uid`, labels and annotations granular maps, managedFields atomic.
 */
export function objectMetaSemantics(path: readonly string[]): FieldSemantics {
  if (path.length !== 1) return undefined;
  switch (path[0]) {
    case 'finalizers':
      return 'set';
    case 'ownerReferences':
      return { mapKeys: ['uid'] };
    case 'labels':
    case 'annotations':
      return 'map';
    default:
      return undefined;
  }
}
