// Reading sync options the way the sync engine needs them.

import { describe, expect, it } from '@jest/globals';
import { hasSyncOption, syncOptionValue } from './sync-options.js';

describe('sync options', () => {
  const options = ['CreateNamespace=true', 'PrunePropagationPolicy=background', 'Validate = false', 'CreateNamespace=false', 'Odd'];

  it('returns the last value given for a key, trimmed', () => {
    expect(syncOptionValue(options, 'PrunePropagationPolicy')).toBe('background');
    expect(syncOptionValue(options, 'Validate')).toBe('false');
    expect(syncOptionValue(options, 'CreateNamespace')).toBe('false');
    expect(syncOptionValue(options, 'Odd')).toBeUndefined();
    expect(syncOptionValue(undefined, 'Replace')).toBeUndefined();
  });

  it('tells whether an option is switched on', () => {
    expect(hasSyncOption(['ServerSideApply=true'], 'ServerSideApply')).toBe(true);
    expect(hasSyncOption(options, 'CreateNamespace')).toBe(false);
  });
});
