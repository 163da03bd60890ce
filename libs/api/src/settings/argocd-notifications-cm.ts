// Parses the notifications ConfigMap `argocd-notifications-cm` the way Argo's notifications engine reads it:
// triggers, templates, services, default subscriptions, default triggers and template context.

import { ARGOCD_NOTIFICATIONS_CM } from '../constants.js';
import type { ConfigMap } from '../types/kube-object.js';
import { ConfigMapReader } from './config-map-reader.js';
import type { YamlCursor } from './yaml-text.js';

/** One condition of a trigger: when `when` (an expression over `app`) holds, send the `send` templates. */
export interface TriggerCondition {
  when: string;
  send: string[];
  /** Expression whose value must change before the trigger fires again (e.g. the sync revision). */
  oncePer?: string;
  description?: string;
}

/** Slack-specific template parts; `attachments` and `blocks` are JSON strings after templating. */
export interface SlackTemplate {
  attachments?: string;
  blocks?: string;
  groupingKey?: string;
  notifyBroadcast?: boolean;
  deliveryPolicy?: string;
}

/** A webhook request of a template, per webhook service name. */
export interface WebhookTemplate {
  method?: string;
  path?: string;
  body?: string;
}

/** A message template; fields are Go-template strings over `app` and `context`. Other services' parts are kept as given. */
export interface NotificationTemplate {
  message?: string;
  title?: string;
  slack?: SlackTemplate;
  email?: { subject?: string };
  webhook?: Record<string, WebhookTemplate>;
  [service: string]: unknown;
}

/** A notification service (`service.<type>` or `service.<type>.<name>`); options may hold `$secret-key` references. */
export interface NotificationService {
  type: string;
  options: Record<string, unknown>;
}

/** A default subscription: recipients (`<service>:<recipient>`) for triggers, optionally for matching apps only. */
export interface DefaultSubscription {
  recipients: string[];
  /** Empty means the default triggers. */
  triggers: string[];
  /** Label selector the application must match, e.g. `test=true`. */
  selector?: string;
}

/** The parsed `argocd-notifications-cm`. */
export interface NotificationsSettings {
  triggers: Record<string, TriggerCondition[]>;
  templates: Record<string, NotificationTemplate>;
  /** Keyed by service name: the `<name>` of `service.<type>.<name>`, or the type for `service.<type>`. */
  services: Record<string, NotificationService>;
  subscriptions: DefaultSubscription[];
  defaultTriggers: string[];
  /** `defaultTriggers.<service>`: default triggers per service name. */
  serviceDefaultTriggers: Record<string, string[]>;
  /** `context`: variables templates read as `.context.<name>`. */
  context: Record<string, string>;
}

/**
 * Parses `argocd-notifications-cm`. Throws InvalidInputError naming the ConfigMap, the key and the YAML line
 * of every problem, e.g. `configmap argocd/argocd-notifications-cm: trigger.on-deployed: line 2: [0].send:
 * must be a list of strings`.
 */
export function parseNotificationsConfigMap(configMap: ConfigMap): NotificationsSettings {
  const reader = new ConfigMapReader(configMap, ARGOCD_NOTIFICATIONS_CM);
  const settings: NotificationsSettings = {
    triggers: {},
    templates: {},
    services: {},
    subscriptions: reader.yaml('subscriptions', readSubscriptions) ?? [],
    defaultTriggers: reader.yaml('defaultTriggers', (root) => root.stringList()) ?? [],
    serviceDefaultTriggers: {},
    context: reader.yaml('context', (root) => root.stringMap()) ?? {},
  };
  for (const key of reader.keysWithPrefix('trigger.')) {
    const conditions = reader.yaml(key, readTrigger);
    if (conditions) settings.triggers[key.slice('trigger.'.length)] = conditions;
  }
  for (const key of reader.keysWithPrefix('template.')) {
    const template = reader.yaml(key, readTemplate);
    if (template) settings.templates[key.slice('template.'.length)] = template;
  }
  for (const key of reader.keysWithPrefix('service.')) {
    const parts = key.split('.');
    if (parts.length !== 2 && parts.length !== 3) {
      reader.problem(key, 'want service.<type> or service.<type>.<name>');
      continue;
    }
    const type = parts[1] ?? '';
    const options = reader.yaml(key, (root) => (root.missing ? {} : root.map()));
    if (options) settings.services[parts[2] ?? type] = { type, options };
  }
  for (const key of reader.keysWithPrefix('defaultTriggers.')) {
    const triggers = reader.yaml(key, (root) => root.stringList());
    if (triggers) settings.serviceDefaultTriggers[key.slice('defaultTriggers.'.length)] = triggers;
  }
  reader.finish();
  return settings;
}

function readTrigger(root: YamlCursor): TriggerCondition[] | undefined {
  if (!Array.isArray(root.value)) {
    root.problem('must be a list of conditions');
    return undefined;
  }
  return root.items().map((item) => {
    item.keys();
    const send = item.at('send');
    const condition: TriggerCondition = { when: item.at('when').string({ required: true }) ?? '', send: send.stringList() ?? [] };
    if (send.missing) send.problem('required');
    const oncePer = item.at('oncePer').string();
    const description = item.at('description').string();
    if (oncePer !== undefined) condition.oncePer = oncePer;
    if (description !== undefined) condition.description = description;
    return condition;
  });
}

function readTemplate(root: YamlCursor): NotificationTemplate | undefined {
  const raw = root.map();
  if (raw === undefined) return undefined;
  root.at('message').string();
  root.at('title').string();
  root.at('slack').keys();
  root.at('email').keys();
  for (const field of ['attachments', 'blocks', 'groupingKey', 'deliveryPolicy']) root.at('slack').at(field).string();
  root.at('slack').at('notifyBroadcast').boolean();
  root.at('email').at('subject').string();
  for (const name of root.at('webhook').keys()) {
    for (const field of ['method', 'path', 'body']) root.at('webhook').at(name).at(field).string();
  }
  return raw as NotificationTemplate;
}

function readSubscriptions(root: YamlCursor): DefaultSubscription[] {
  return root.items().map((item) => {
    item.keys();
    const subscription: DefaultSubscription = {
      recipients: item.at('recipients').stringList() ?? [],
      triggers: item.at('triggers').stringList() ?? [],
    };
    const selector = item.at('selector').string();
    if (selector !== undefined) subscription.selector = selector;
    return subscription;
  });
}
