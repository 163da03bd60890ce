// The shapes shared by the subscription readers: one subscription and one problem found reading them.

/** Prefix of every notifications annotation (notifications-engine's default). */
export const ANNOTATION_PREFIX = 'notifications.argoproj.io';

/** Who to tell, through which service, when a trigger fires. */
export interface Subscription {
  /** Trigger name (`on-sync-failed`), or `null` when none is named and the service's default triggers apply. */
  readonly trigger: string | null;
  /** Service name as configured in argocd-notifications-cm (`slack`, `email`, `webhook.github`…). */
  readonly service: string;
  /**
   * Channels, addresses… in annotation order; never empty. `['']` means one delivery without a
   * recipient, which services such as webhooks need (`subscribe.on-deployed.github: ""`).
   */
  readonly recipients: readonly string[];
}

/** An annotation that was ignored because it could not be read, and why. */
export interface SubscriptionProblem {
  readonly annotation: string;
  readonly message: string;
}

/** Options shared by the readers. */
export interface SubscriptionReadOptions {
  /**
   * Parses the `subscriptions` annotation's YAML.
   * @defaultValue the `yaml` package's YAML 1.2 parser
   */
  readonly parseYaml?: (text: string) => unknown;
  /** Told about every annotation that is ignored; Argo logs these and carries on. */
  readonly onProblem?: (problem: SubscriptionProblem) => void;
}
