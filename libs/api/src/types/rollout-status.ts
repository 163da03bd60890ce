// What the rollouts controller reports about a Rollout: phase, step position, pauses, aborts, replica
// counts and per-strategy state. Shapes follow Argo Rollouts' RolloutStatus.

import type { AnalysisPhase } from './analysis.js';
import type { Timestamp } from './kube-object.js';

/** Overall phase shown to users. */
export type RolloutPhase = 'Healthy' | 'Degraded' | 'Paused' | 'Progressing';

/** Why a rollout is paused. */
export type PauseReason = 'CanaryPauseStep' | 'BlueGreenPause' | 'AnalysisRunInconclusive' | 'InconclusiveExperiment';

/** A reason the rollout is paused and since when. */
export interface PauseCondition {
  reason: PauseReason;
  startTime: Timestamp;
}

/** A standard rollout condition (`Progressing`, `Available`, `Paused`, `Completed`, `Healthy`, `InvalidSpec`, ...). */
export interface RolloutCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: Timestamp;
  lastUpdateTime: Timestamp;
}

/** The AnalysisRun a rollout is waiting on and its state. */
export interface RolloutAnalysisRunStatus {
  name: string;
  status: AnalysisPhase;
  message?: string;
}

/** Traffic weight sent to one ReplicaSet. */
export interface WeightDestination {
  weight: number;
  serviceName?: string;
  podTemplateHash?: string;
}

/** Traffic weights as last set on the router. */
export interface TrafficWeights {
  canary: WeightDestination;
  stable: WeightDestination;
  additional?: WeightDestination[];
  verified?: boolean;
}

/** Canary-specific status. */
export interface CanaryStatus {
  currentStepAnalysisRunStatus?: RolloutAnalysisRunStatus;
  currentBackgroundAnalysisRunStatus?: RolloutAnalysisRunStatus;
  currentExperiment?: string;
  weights?: TrafficWeights;
  stablePingPong?: 'ping' | 'pong';
}

/** Blue-green-specific status: the pod template hashes the Services select. */
export interface BlueGreenStatus {
  activeSelector?: string;
  previewSelector?: string;
  prePromotionAnalysisRunStatus?: RolloutAnalysisRunStatus;
  postPromotionAnalysisRunStatus?: RolloutAnalysisRunStatus;
  scaleUpPreviewCheckPoint?: boolean;
}

/** Everything the controller reports about a Rollout. */
export interface RolloutStatus {
  phase?: RolloutPhase;
  message?: string;
  /** Pod template hash of the newest ReplicaSet. */
  currentPodHash?: string;
  /** Pod template hash of the stable ReplicaSet. */
  stableRS?: string;
  currentStepIndex?: number;
  /** Hash of the canary steps, to notice step changes. */
  currentStepHash?: string;
  pauseConditions?: PauseCondition[];
  /** Paused by the controller (step or blue-green pause) rather than by `spec.paused`. */
  controllerPause?: boolean;
  abort?: boolean;
  abortedAt?: Timestamp;
  promoteFull?: boolean;
  conditions?: RolloutCondition[];
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  /** Available replicas as the HorizontalPodAutoscaler should count them. */
  HPAReplicas?: number;
  /** Serialised label selector for the scale subresource. */
  selector?: string;
  /** Generation last processed; a string in Argo Rollouts. */
  observedGeneration?: string;
  workloadObservedGeneration?: string;
  collisionCount?: number;
  restartedAt?: Timestamp;
  canary?: CanaryStatus;
  blueGreen?: BlueGreenStatus;
}
