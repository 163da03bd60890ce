// Shapes shared by the health checks: the status they return and the plain objects they read.
import type { HealthStatusCode } from '@driftless/api';

export type { HealthStatusCode };

/** Health of one resource (or of an application): a status code and an optional human message. */
export interface HealthStatus {
  status: HealthStatusCode;
  message?: string;
}

/** Any Kubernetes object as plain data (parsed YAML/JSON); checks never assume a field exists. */
export type PlainObject = Record<string, unknown>;

/**
 * A built-in health check for one kind. It may throw on malformed input; `resourceHealth` turns the
 * error into `Unknown` with the error's message.
 */
export type HealthCheck = (obj: PlainObject) => HealthStatus;

/** Every status code, most healthy first: the order `aggregateHealth` and `isWorse` use. */
export const HEALTH_ORDER: readonly HealthStatusCode[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

/** Whether a value is one of the six health status codes. */
export function isHealthStatusCode(value: unknown): value is HealthStatusCode {
  return typeof value === 'string' && (HEALTH_ORDER as readonly string[]).includes(value);
}
