// Public API of @driftless/notifier: reading subscriptions now; triggers, templates and delivery later.
export { parseSubscriptions } from './subscriptions/parse-subscriptions.js';
export { readSubscriptionsYaml } from './subscriptions/subscriptions-yaml.js';
export { ANNOTATION_PREFIX } from './subscriptions/subscription.js';
export type { Subscription, SubscriptionProblem, SubscriptionReadOptions } from './subscriptions/subscription.js';
