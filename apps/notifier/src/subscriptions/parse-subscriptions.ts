// Reads who subscribed to what from an Application's (or AppProject's) annotations, in every form
// notifications-engine accepts: `subscribe.<trigger>.<service>`, `subscribe.<service>`, `subscriptions`.
import { ANNOTATION_PREFIX } from './subscription.js';
import type { Subscription, SubscriptionReadOptions } from './subscription.js';
import { readSubscriptionsYaml } from './subscriptions-yaml.js';

const SUBSCRIBE_PREFIX = `${ANNOTATION_PREFIX}/subscribe.`;
const SUBSCRIPTIONS_PREFIX = `${ANNOTATION_PREFIX}/subscriptions`;

/**
 * Lists the subscriptions in `annotations`, in annotation order; unrelated annotations are ignored.
 *
 * - `notifications.argoproj.io/subscribe.<trigger>.<service>: "a; b"` → (trigger, service, [a, b]);
 *   recipients are split on `;` and trimmed, empty ones dropped. Text after a second dot in the key
 *   is ignored, as in notifications-engine.
 * - `notifications.argoproj.io/subscribe.<service>` or `subscribe..<service>` → trigger `null`
 *   (the service's default triggers).
 * - An empty value subscribes once with no recipient (`['']`), as webhook services expect; a value of
 *   only separators or spaces subscribes no one.
 * - `notifications.argoproj.io/subscriptions` (any key with that prefix): YAML, see readSubscriptionsYaml.
 * Never throws: an unreadable `subscriptions` annotation is skipped and reported through `onProblem`.
 * Example: {`…/subscribe.on-sync-failed.slack`: `ops; dev`} → [{trigger: on-sync-failed, service: slack, recipients: [ops, dev]}].
 */
export function parseSubscriptions(annotations: Readonly<Record<string, string>> | undefined, options: SubscriptionReadOptions = {}): Subscription[] {
  const subscriptions: Subscription[] = [];
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (key.startsWith(SUBSCRIBE_PREFIX)) {
      const subscription = readSubscribeAnnotation(key.slice(SUBSCRIBE_PREFIX.length), value);
      if (subscription !== undefined) subscriptions.push(subscription);
    } else if (key.startsWith(SUBSCRIPTIONS_PREFIX)) {
      subscriptions.push(...readSubscriptionsYaml(key, value, options));
    }
  }
  return subscriptions;
}

// `<trigger>.<service>[.ignored]` or `<service>`; undefined when it delivers nothing.
function readSubscribeAnnotation(rest: string, value: string): Subscription | undefined {
  const parts = rest.split('.');
  const [trigger, service] = parts.length >= 2 ? [parts[0] ?? '', parts[1] ?? ''] : ['', parts[0] ?? ''];
  const recipients = value === '' ? [''] : value.split(';').map((r) => r.trim()).filter((r) => r !== '');
  if (service === '' || recipients.length === 0) return undefined;
  return { trigger: trigger === '' ? null : trigger, service, recipients };
}
