// metav1.LabelSelector matching (matchLabels and matchExpressions), as controllers apply it to pods.
import type { JsonObject } from '../model/json.js';
import { objectsAt, stringAt, stringMapAt } from './json-fields.js';

/**
 * True when `labels` satisfy `selector`. An absent selector selects nothing and an empty one selects
 * everything (LabelSelectorAsSelector). Operators: In, NotIn, Exists, DoesNotExist; an unknown
 * operator selects nothing, as the API server would have rejected it.
 */
export function selectorMatches(selector: JsonObject | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined) return false;
  for (const [key, value] of Object.entries(stringMapAt(selector, 'matchLabels'))) {
    if (labels[key] !== value) return false;
  }
  for (const requirement of objectsAt(selector, 'matchExpressions')) {
    const key = stringAt(requirement, 'key') ?? '';
    const values = Array.isArray(requirement['values']) ? requirement['values'].filter((v) => typeof v === 'string') : [];
    const present = Object.hasOwn(labels, key);
    switch (stringAt(requirement, 'operator')) {
      case 'In':
        if (!present || !values.includes(labels[key] ?? '')) return false;
        break;
      case 'NotIn':
        if (present && values.includes(labels[key] ?? '')) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
