// Reads the `notifications.argoproj.io/subscriptions` annotation: a YAML list of
// `{trigger: [names], destinations: [{service, recipients: [names]}]}` (notifications-engine).
import { parse as parseYamlText } from 'yaml';
import type { Subscription, SubscriptionReadOptions } from './subscription.js';

/**
 * Expands the annotation's YAML into subscriptions, one per trigger × destination. Entries without
 * triggers use the default triggers (`trigger: null`); entries without destinations, destinations
 * without a service and destinations without recipients deliver nothing and are left out.
 * As notifications-engine (encoding/json) does, keys match case-insensitively, unknown keys are
 * ignored, `null` lists are empty, and any other shape makes the whole annotation ignored:
 * the result is `[]` and `onProblem` hears why.
 * Example: `[{trigger: [on-deployed, on-sync-failed], destinations: [{service: slack, recipients: [ops]}]}]`
 * → (on-deployed, slack, [ops]), (on-sync-failed, slack, [ops]).
 */
export function readSubscriptionsYaml(annotation: string, text: string, options: SubscriptionReadOptions = {}): Subscription[] {
  const problem = (message: string): Subscription[] => {
    options.onProblem?.({ annotation, message });
    return [];
  };
  if (text.trim() === '') return problem('subscription is not defined');

  let document: unknown;
  try {
    document = (options.parseYaml ?? parseYamlText)(text);
  } catch (error) {
    return problem(`cannot parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (document === null || document === undefined) return [];
  if (!Array.isArray(document)) return problem('expected a list of {trigger, destinations}');

  const subscriptions: Subscription[] = [];
  for (const [index, entry] of document.entries()) {
    if (entry === null) continue;
    if (!isRecord(entry)) return problem(`[${index}] must be a mapping with trigger and destinations`);
    const triggers = stringList(field(entry, 'trigger'));
    if (triggers === undefined) return problem(`[${index}].trigger must be a list of trigger names`);
    const destinations = destinationList(field(entry, 'destinations'));
    if (typeof destinations === 'string') return problem(`[${index}].destinations${destinations}`);
    // An empty name, like no trigger at all, means the default triggers (notifications-engine's "").
    const names = triggers.length === 0 ? [null] : triggers.map((t) => (t.trim() === '' ? null : t.trim()));
    for (const trigger of names) {
      for (const { service, recipients } of destinations) subscriptions.push({ trigger, service, recipients });
    }
  }
  return subscriptions;
}

type Destination = { service: string; recipients: string[] };

// The usable destinations, or a message suffix saying what is wrong.
function destinationList(value: unknown): Destination[] | string {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return ' must be a list of {service, recipients}';
  const destinations: Destination[] = [];
  for (const [index, item] of value.entries()) {
    if (item === null) continue;
    if (!isRecord(item)) return `[${index}] must be a mapping with service and recipients`;
    const service = field(item, 'service');
    if (service !== null && service !== undefined && typeof service !== 'string') return `[${index}].service must be a string`;
    const recipients = stringList(field(item, 'recipients'));
    if (recipients === undefined) return `[${index}].recipients must be a list of strings`;
    const named = recipients.map((r) => r.trim()).filter((r) => r !== '');
    const serviceName = typeof service === 'string' ? service.trim() : '';
    if (serviceName !== '' && named.length > 0) destinations.push({ service: serviceName, recipients: named });
  }
  return destinations;
}

// A list of strings (`null` and absent are empty); undefined when it is anything else.
function stringList(value: unknown): string[] | undefined {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) return undefined;
  return value;
}

// encoding/json matches struct fields case-insensitively, preferring an exact match.
function field(record: Record<string, unknown>, name: string): unknown {
  if (name in record) return record[name];
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
