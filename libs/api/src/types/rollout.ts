// The Rollout resource: a Deployment replacement that updates by canary steps or blue-green switch-over.
// Shapes follow Argo Rollouts' Rollout CRD (argoproj.io/v1alpha1); the pod template is left unmodelled.

import type { IntOrString, KubeObject, LabelSelector, PodTemplateSpec, Timestamp } from './kube-object.js';
import type { RolloutStatus } from './rollout-status.js';

/** Where an analysis argument's value comes from when it is not literal. */
export interface ArgumentValueFrom {
  /** `Stable`, `Latest`: the pod template hash of that ReplicaSet. */
  podTemplateHashValue?: 'Stable' | 'Latest';
  fieldRef?: { fieldPath: string };
}

/** An argument passed from a Rollout to its AnalysisTemplates. */
export interface AnalysisRunArgument {
  name: string;
  value?: string;
  valueFrom?: ArgumentValueFrom;
}

/** A reference to an AnalysisTemplate, or a ClusterAnalysisTemplate when `clusterScope`. */
export interface AnalysisTemplateRef {
  templateName?: string;
  clusterScope?: boolean;
}

/** Metrics whose failures are recorded but never fail the run. */
export interface DryRun {
  metricName: string;
}

/** How many measurements to keep per metric. */
export interface MeasurementRetention {
  metricName: string;
  limit: number;
}

/** Analysis run at a step, before/after promotion or in the background. */
export interface RolloutAnalysis {
  templates?: AnalysisTemplateRef[];
  args?: AnalysisRunArgument[];
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
}

/** Background analysis for the whole canary update; may start at a later step. */
export interface RolloutAnalysisBackground extends RolloutAnalysis {
  startingStep?: number;
}

/** Pause the rollout: for `duration` (seconds or `30s`, `5m`, `1h`), or until resumed when absent. */
export interface RolloutPause {
  duration?: IntOrString;
}

/** Scale the canary independently of traffic weight; exactly one field is set. */
export interface SetCanaryScale {
  replicas?: number;
  weight?: number;
  matchTrafficWeight?: boolean;
}

/** String match used by header and mirror routes. */
export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

/** Route requests carrying a header to the canary. */
export interface SetHeaderRoute {
  name?: string;
  match?: { headerName: string; headerValue: StringMatch }[];
}

/** Mirror a share of matching requests to the canary. */
export interface SetMirrorRoute {
  name: string;
  match?: { method?: StringMatch; path?: StringMatch; headers?: Record<string, StringMatch> }[];
  percentage?: number;
}

/** A pod template run during an experiment. */
export interface RolloutExperimentTemplate {
  name: string;
  /** `stable` or `canary`: which ReplicaSet's pod template to copy. */
  specRef: 'stable' | 'canary';
  replicas?: number;
  weight?: number;
  selector?: LabelSelector;
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

/** An analysis run during an experiment. */
export interface RolloutExperimentAnalysis {
  name: string;
  templateName: string;
  clusterScope?: boolean;
  args?: AnalysisRunArgument[];
  requiredForCompletion?: boolean;
}

/** Run an Experiment as a step. */
export interface RolloutExperimentStep {
  templates: RolloutExperimentTemplate[];
  duration?: string;
  analyses?: RolloutExperimentAnalysis[];
}

/** One canary step. Exactly one field is set. */
export interface CanaryStep {
  /** Percentage of traffic (or replicas, without traffic routing) sent to the canary, 0–100. */
  setWeight?: number;
  pause?: RolloutPause;
  setCanaryScale?: SetCanaryScale;
  analysis?: RolloutAnalysis;
  experiment?: RolloutExperimentStep;
  setHeaderRoute?: SetHeaderRoute;
  setMirrorRoute?: SetMirrorRoute;
  plugin?: { name: string; config?: Record<string, unknown> };
}

/** Labels and annotations added to canary/stable/active/preview pods. */
export interface PodTemplateMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Traffic routing through a mesh or ingress; providers are kept loose. */
export interface RolloutTrafficRouting {
  /** Routes Rollouts adds and removes itself (header and mirror routes), in precedence order. */
  managedRoutes?: { name: string }[];
  istio?: Record<string, unknown>;
  nginx?: Record<string, unknown>;
  alb?: Record<string, unknown>;
  smi?: Record<string, unknown>;
  ambassador?: Record<string, unknown>;
  appMesh?: Record<string, unknown>;
  traefik?: Record<string, unknown>;
  apisix?: Record<string, unknown>;
  plugins?: Record<string, unknown>;
}

/** Spread canary and stable pods over different nodes. */
export interface AntiAffinity {
  preferredDuringSchedulingIgnoredDuringExecution?: { weight: number };
  requiredDuringSchedulingIgnoredDuringExecution?: Record<string, never>;
}

/** Canary strategy: move traffic or replicas to the new version step by step. */
export interface CanaryStrategy {
  canaryService?: string;
  stableService?: string;
  steps?: CanaryStep[];
  /** Extra pods above `replicas` during the update; integer or percentage (default 25%). */
  maxSurge?: IntOrString;
  /** Pods that may be unavailable during the update; integer or percentage (default 25%). */
  maxUnavailable?: IntOrString;
  analysis?: RolloutAnalysisBackground;
  trafficRouting?: RolloutTrafficRouting;
  /** Seconds to keep the old ReplicaSet up after traffic moved (traffic routing only, default 30). */
  scaleDownDelaySeconds?: number;
  scaleDownDelayRevisionLimit?: number;
  /** Seconds before the canary is scaled down after an abort (default 30). */
  abortScaleDownDelaySeconds?: number;
  /** Scale the stable ReplicaSet down as traffic leaves it. */
  dynamicStableScale?: boolean;
  canaryMetadata?: PodTemplateMetadata;
  stableMetadata?: PodTemplateMetadata;
  antiAffinity?: AntiAffinity;
  pingPong?: { pingService: string; pongService: string };
  minPodsPerReplicaSet?: number;
}

/** Blue-green strategy: bring up the new version beside the old, then switch the active Service. */
export interface BlueGreenStrategy {
  activeService: string;
  previewService?: string;
  /** Promote as soon as the new ReplicaSet is available (default true). */
  autoPromotionEnabled?: boolean;
  /** Promote automatically this many seconds after pausing. */
  autoPromotionSeconds?: number;
  /** Seconds the old ReplicaSet stays up after the switch (default 30). */
  scaleDownDelaySeconds?: number;
  scaleDownDelayRevisionLimit?: number;
  /** Replicas of the new version before promotion (default: all). */
  previewReplicaCount?: number;
  prePromotionAnalysis?: RolloutAnalysis;
  postPromotionAnalysis?: RolloutAnalysis;
  abortScaleDownDelaySeconds?: number;
  maxUnavailable?: IntOrString;
  previewMetadata?: PodTemplateMetadata;
  activeMetadata?: PodTemplateMetadata;
  antiAffinity?: AntiAffinity;
}

/** Exactly one strategy is set. */
export interface RolloutStrategy {
  canary?: CanaryStrategy;
  blueGreen?: BlueGreenStrategy;
}

/** A Deployment (or other workload) whose pod template the Rollout uses instead of `template`. */
export interface WorkloadRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
  /** What to do with the referenced workload's pods: `never`, `onsuccess`, `progressively`. */
  scaleDown?: 'never' | 'onsuccess' | 'progressively';
}

/** Desired state of a Rollout. */
export interface RolloutSpec {
  /** Desired pods (default 1). */
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  workloadRef?: WorkloadRef;
  minReadySeconds?: number;
  /** Old ReplicaSets kept (default 10). */
  revisionHistoryLimit?: number;
  paused?: boolean;
  /** Seconds without progress before the rollout is Degraded (default 600). */
  progressDeadlineSeconds?: number;
  /** Abort (not only report) when the progress deadline passes. */
  progressDeadlineAbort?: boolean;
  /** Restart pods created before this time. */
  restartAt?: Timestamp;
  strategy?: RolloutStrategy;
  /** How many finished AnalysisRuns to keep. */
  analysis?: { successfulRunHistoryLimit?: number; unsuccessfulRunHistoryLimit?: number };
}

/** An Argo Rollouts Rollout. */
export interface Rollout extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Rollout';
  spec: RolloutSpec;
  status?: RolloutStatus;
}
