import { describe, it, expect } from '@jest/globals';
import { aggregateHealth, isWorse } from './aggregate-health.js';
import type { HealthStatus, HealthStatusCode } from './types.js';

const h = (status: HealthStatusCode, message?: string): HealthStatus => (message ? { status, message } : { status });

describe('aggregateHealth', () => {
  const cases: ReadonlyArray<[name: string, statuses: Array<HealthStatus | undefined>, expected: HealthStatus]> = [
    ['no resources → Healthy', [], h('Healthy')],
    ['only resources without health → Healthy', [undefined, undefined], h('Healthy')],
    ['all healthy → Healthy', [h('Healthy'), h('Healthy', 'fine')], h('Healthy')],
    ['Suspended beats Healthy', [h('Healthy'), h('Suspended', 'paused')], h('Suspended', 'paused')],
    ['Progressing beats Suspended', [h('Suspended'), h('Progressing', 'rolling'), h('Healthy')], h('Progressing', 'rolling')],
    ['Missing beats Progressing', [h('Progressing'), h('Missing')], h('Missing')],
    ['Degraded beats Missing', [h('Missing'), h('Degraded', 'crash'), undefined], h('Degraded', 'crash')],
    ['Unknown is the worst', [h('Degraded'), h('Unknown', 'lua failed'), h('Healthy')], h('Unknown', 'lua failed')],
    ['the first of equals wins', [h('Degraded', 'first'), h('Degraded', 'second')], h('Degraded', 'first')],
  ];

  it.each(cases)('%s', (_name, statuses, expected) => {
    expect(aggregateHealth(statuses)).toEqual(expected);
  });
});

describe('isWorse', () => {
  const cases: ReadonlyArray<[current: HealthStatusCode, next: HealthStatusCode, worse: boolean]> = [
    ['Healthy', 'Suspended', true],
    ['Suspended', 'Progressing', true],
    ['Progressing', 'Missing', true],
    ['Missing', 'Degraded', true],
    ['Degraded', 'Unknown', true],
    ['Unknown', 'Healthy', false],
    ['Degraded', 'Degraded', false],
    ['Progressing', 'Suspended', false],
  ];

  it.each(cases)('%s → %s is worse: %s', (current, next, worse) => {
    expect(isWorse(current, next)).toBe(worse);
  });
});
