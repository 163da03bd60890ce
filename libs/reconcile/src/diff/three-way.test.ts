import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from './json-value.js';
import { predictLive, removeMapFields } from './three-way.js';

describe('predictLive', () => {
  it('keeps server defaults, applies config values and deletes fields the user removed', () => {
    const orig = { spec: { replicas: 3, paused: true } };
    const config = { spec: { replicas: 2 } };
    const live = { spec: { replicas: 3, paused: true, revisionHistoryLimit: 10 } };
    expect(predictLive(orig, config, live)).toEqual({ spec: { replicas: 2, revisionHistoryLimit: 10 } });
  });

  it('merges keyed lists by key, keeps items someone else added and drops removed ones', () => {
    const orig = { containers: [{ name: 'app', image: 'a:1' }, { name: 'old', image: 'o:1' }] };
    const config = { containers: [{ name: 'app', image: 'a:2' }] };
    const live: JsonObject = {
      containers: [
        { name: 'app', image: 'a:1', imagePullPolicy: 'IfNotPresent' },
        { name: 'old', image: 'o:1' },
        { name: 'injected', image: 'proxy:1' },
      ],
    };
    expect(predictLive(orig, config, live)).toEqual({
      containers: [
        { name: 'app', image: 'a:2', imagePullPolicy: 'IfNotPresent' },
        { name: 'injected', image: 'proxy:1' },
      ],
    });
  });

  it('replaces lists without a merge key and deletes fields set to null', () => {
    expect(predictLive({}, { args: ['--b'], note: null }, { args: ['--a', '--b'], note: 'x' })).toEqual({ args: ['--b'] });
  });
});

describe('removeMapFields', () => {
  it('keeps only what the config mentions, and extra live list items', () => {
    const config = { spec: { replicas: 2, ports: [{ port: 80 }] } };
    const live: JsonObject = { spec: { replicas: 3, paused: false, ports: [{ port: 80, protocol: 'TCP' }, { port: 443 }] }, status: {} };
    expect(removeMapFields(config, live)).toEqual({ spec: { replicas: 3, ports: [{ port: 80 }, { port: 443 }] } });
  });
});
