// Turns failures of each refresh stage into Argo CD application conditions with the cause's message.
import type { ApplicationCondition, ApplicationConditionType } from '@driftless/api';

/** One refresh stage that can fail; its failures read `<prefix>: <cause>`. */
export type FailedStage = 'target' | 'live' | 'compare';

const PREFIX: Record<FailedStage, string> = {
  target: 'Failed to load target state',
  live: 'Failed to load live state',
  compare: 'Failed to compare desired state to live state',
};

/** The message of anything thrown; never `[object Object]`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
}

/** A condition stamped with `now`. */
export function condition(type: ApplicationConditionType, message: string, now: string): ApplicationCondition {
  return { type, message, lastTransitionTime: now };
}

/**
 * A ComparisonError for a failed stage: `Failed to load target state: revision v9 not found in
 * https://git.example.com/apps.git`. `where` (e.g. `source 2 of 3`) is inserted after the prefix.
 */
export function stageError(stage: FailedStage, error: unknown, now: string, where?: string): ApplicationCondition {
  const place = where === undefined ? '' : `${where}: `;
  return condition('ComparisonError', `${PREFIX[stage]}: ${place}${errorMessage(error)}`, now);
}
