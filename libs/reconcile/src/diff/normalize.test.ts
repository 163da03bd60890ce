import { describe, expect, it } from '@jest/globals';
import { alignQuantities, foldStringData, parseQuantity } from './normalize.js';
import type { JsonObject } from './json-value.js';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['1', 1],
    ['1.5', 1.5],
    ['1Gi', 2 ** 30],
    ['2k', 2000],
    ['1e3', 1000],
    [2, 2],
  ])('%s → %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it.each(['abc', '1Xi', '', true])('%s is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('alignQuantities', () => {
  it('takes the live spelling of equal resource quantities only', () => {
    const config: JsonObject = { containers: [{ name: 'a', resources: { limits: { cpu: '1000m', memory: '1Gi' }, requests: { cpu: 0.5 } } }], replicas: '1000m' };
    const live: JsonObject = { containers: [{ name: 'a', resources: { limits: { cpu: '1', memory: '1G' }, requests: { cpu: '500m' } } }], replicas: '1' };
    alignQuantities(config, live);
    expect(config).toEqual({ containers: [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } }], replicas: '1000m' });
  });
});

describe('foldStringData', () => {
  it('base64-encodes stringData into data, overriding data', () => {
    const secret: JsonObject = { data: { a: 'b2xk', b: 'Yg==' }, stringData: { a: 'new' } };
    foldStringData(secret);
    expect(secret).toEqual({ data: { a: 'bmV3', b: 'Yg==' } });
  });
});
