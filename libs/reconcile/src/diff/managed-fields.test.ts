import { describe, expect, it } from '@jest/globals';
import { fieldSetsOf, removeOwnedFields } from './managed-fields.js';
import type { JsonObject } from './json-value.js';

describe('removeOwnedFields', () => {
  it('removes map fields, keyed list items and fields inside keyed items', () => {
    const obj: JsonObject = {
      metadata: { labels: { a: '1', b: '2' } },
      spec: {
        replicas: 3,
        finalizers: ['x', 'y'],
        containers: [
          { name: 'app', image: 'a:1', resources: { limits: { cpu: '1' } } },
          { name: 'istio-proxy', image: 'proxy:1' },
        ],
      },
    };
    removeOwnedFields(obj, {
      'f:metadata': { 'f:labels': { '.': {}, 'f:b': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:finalizers': { 'v:"y"': {} },
        'f:containers': {
          'k:{"name":"app"}': { 'f:name': {}, 'f:resources': { 'f:limits': { 'f:cpu': {} } } },
          'k:{"name":"istio-proxy"}': { '.': {}, 'f:name': {}, 'f:image': {} },
        },
        'f:missing': {},
      },
      'k:bad json': {},
    });
    expect(obj).toEqual({
      metadata: { labels: { a: '1' } },
      spec: { finalizers: ['x'], containers: [{ name: 'app', image: 'a:1', resources: { limits: {} } }] },
    });
  });

  it('picks the field sets of the named managers only', () => {
    const entries = [
      { manager: 'hpa', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
      { manager: 'kubectl', fieldsV1: { 'f:spec': {} } },
      { manager: 'hpa' },
    ];
    expect(fieldSetsOf(entries, ['hpa'])).toEqual([{ 'f:spec': { 'f:replicas': {} } }]);
    expect(fieldSetsOf(undefined, ['hpa'])).toEqual([]);
  });
});
