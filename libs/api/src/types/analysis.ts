// Analysis resources of Argo Rollouts: AnalysisTemplate and ClusterAnalysisTemplate describe metrics to
// measure; an AnalysisRun is one execution of them with its measurements and verdict.

import type { DryRun, MeasurementRetention } from './rollout.js';
import type { IntOrString, KubeObject, Timestamp } from './kube-object.js';

/** Phase of an AnalysisRun, a metric or a single measurement. */
export type AnalysisPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';

/** Where a template argument's value comes from when it is not literal. */
export interface TemplateArgumentValueFrom {
  secretKeyRef?: { name: string; key: string };
  fieldRef?: { fieldPath: string };
}

/** A template argument, referenced in metrics as `{{args.<name>}}`. A missing value must be supplied. */
export interface Argument {
  name: string;
  value?: string;
  valueFrom?: TemplateArgumentValueFrom;
}

/** Prometheus query provider. */
export interface PrometheusMetric {
  address?: string;
  query?: string;
  timeout?: number;
  insecure?: boolean;
  headers?: { key: string; value: string }[];
  [option: string]: unknown;
}

/** HTTP provider: the response (JSON, optionally narrowed by `jsonPath`) is the measurement. */
export interface WebMetric {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: { key: string; value: string }[];
  body?: string;
  jsonBody?: unknown;
  timeoutSeconds?: number;
  jsonPath?: string;
  insecure?: boolean;
}

/** Job provider: a Kubernetes Job whose success or failure is the measurement. */
export interface JobMetric {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

/** The source of a metric's measurements. Exactly one provider is set; others are kept loose. */
export interface MetricProvider {
  prometheus?: PrometheusMetric;
  web?: WebMetric;
  job?: JobMetric;
  datadog?: Record<string, unknown>;
  newRelic?: Record<string, unknown>;
  wavefront?: Record<string, unknown>;
  kayenta?: Record<string, unknown>;
  cloudWatch?: Record<string, unknown>;
  graphite?: Record<string, unknown>;
  influxdb?: Record<string, unknown>;
  skywalking?: Record<string, unknown>;
  plugin?: Record<string, unknown>;
}

/** One metric: how often to measure, how many times, and the conditions that judge a measurement. */
export interface Metric {
  name: string;
  /** Go duration between measurements, e.g. `5m`. */
  interval?: string;
  /** Delay before the first measurement. */
  initialDelay?: string;
  /** Number of measurements; 0/unset means until the run is terminated (when `interval` is set). */
  count?: IntOrString;
  /** Expression over `result` that marks a measurement Successful, e.g. `result[0] >= 0.95`. */
  successCondition?: string;
  /** Expression over `result` that marks a measurement Failed. */
  failureCondition?: string;
  /** Failed measurements tolerated before the metric fails (default 0). */
  failureLimit?: IntOrString;
  /** Inconclusive measurements tolerated (default 0). */
  inconclusiveLimit?: IntOrString;
  /** Consecutive errored measurements tolerated (default 4). */
  consecutiveErrorLimit?: IntOrString;
  provider: MetricProvider;
}

/** Shared spec of AnalysisTemplate and ClusterAnalysisTemplate. */
export interface AnalysisTemplateSpec {
  metrics: Metric[];
  args?: Argument[];
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
}

/** A namespaced analysis template. */
export interface AnalysisTemplate extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'AnalysisTemplate';
  spec: AnalysisTemplateSpec;
}

/** A cluster-wide analysis template. */
export interface ClusterAnalysisTemplate extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'ClusterAnalysisTemplate';
  spec: AnalysisTemplateSpec;
}

/** The spec of an AnalysisRun: resolved metrics and arguments. */
export interface AnalysisRunSpec extends AnalysisTemplateSpec {
  /** Set to stop the run; it then completes with the verdict so far. */
  terminate?: boolean;
}

/** One measurement of a metric. */
export interface Measurement {
  phase: AnalysisPhase;
  message?: string;
  startedAt?: Timestamp;
  finishedAt?: Timestamp;
  /** The measured value, serialised. */
  value?: string;
  metadata?: Record<string, string>;
  /** When a measurement that is still running should be polled again. */
  resumeAt?: Timestamp;
}

/** The measurements and counters of one metric. */
export interface MetricResult {
  name: string;
  phase: AnalysisPhase;
  measurements?: Measurement[];
  message?: string;
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
  consecutiveError?: number;
  dryRun?: boolean;
  metadata?: Record<string, string>;
}

/** Counts of metrics by outcome. */
export interface RunSummary {
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
}

/** Verdict and measurements of an AnalysisRun. */
export interface AnalysisRunStatus {
  phase: AnalysisPhase;
  message?: string;
  metricResults?: MetricResult[];
  startedAt?: Timestamp;
  runSummary?: RunSummary;
  dryRunSummary?: RunSummary;
}

/** One execution of analysis templates. */
export interface AnalysisRun extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'AnalysisRun';
  spec: AnalysisRunSpec;
  status?: AnalysisRunStatus;
}
