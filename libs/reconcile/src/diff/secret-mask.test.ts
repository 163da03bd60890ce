import { describe, expect, it } from '@jest/globals';
import { maskSecretData } from './secret-mask.js';
import type { JsonObject } from './json-value.js';

describe('maskSecretData', () => {
  it('gives equal values equal masks and each further distinct value four more +', () => {
    const live: JsonObject = { data: { a: 'eA==', b: 'eQ==' } };
    const predicted: JsonObject = { data: { a: 'eA==', b: 'eg==', c: 'eA==' } };
    const third: JsonObject = { data: { b: 'dw==' } };
    maskSecretData(live, null, predicted, third);
    expect(live).toEqual({ data: { a: '++++++++', b: '++++++++' } });
    expect(predicted).toEqual({ data: { a: '++++++++', b: '++++++++++++', c: '++++++++' } });
    expect(third).toEqual({ data: { b: '++++++++++++++++' } });
  });
});
