// Annotation keys through which a test or a developer picks a simulated behaviour per object
// (kwok-style); pods inherit them from their controller's pod template.

/** Milliseconds from a pod's start until its containers run (default: controller option). */
export const READY_AFTER_MS = 'devcluster.driftless.io/ready-after-ms';
/** Milliseconds a run-to-completion pod (Job, hook) runs before it terminates. */
export const COMPLETE_AFTER_MS = 'devcluster.driftless.io/complete-after-ms';
/** A failure mode for the pod: one of {@link FailureMode}. */
export const FAIL = 'devcluster.driftless.io/fail';
/** Milliseconds from a LoadBalancer Service's creation until it gets an ingress address. */
export const LB_AFTER_MS = 'devcluster.driftless.io/lb-after-ms';
/** `pending` keeps a LoadBalancer Service without an address forever (like a cluster without an LB). */
export const LB = 'devcluster.driftless.io/lb';

/** The failure modes the kubelet simulation understands (value of {@link FAIL}). */
export type FailureMode = 'image-pull' | 'crash-loop' | 'never-ready' | 'job-failure';

const FAILURE_MODES: readonly FailureMode[] = ['image-pull', 'crash-loop', 'never-ready', 'job-failure'];

/** Parses the {@link FAIL} annotation; unknown values mean "no failure" rather than an error. */
export function parseFailureMode(value: string | undefined): FailureMode | undefined {
  return FAILURE_MODES.find((mode) => mode === value);
}

/** Parses a non-negative millisecond annotation, falling back when absent or malformed. */
export function parseMillis(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\d+$/.test(value.trim())) return fallback;
  return Number(value.trim());
}
