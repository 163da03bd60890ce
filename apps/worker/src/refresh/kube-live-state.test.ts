// Which destinations the worker's live state serves: the control cluster under each of its names.
import { describe, expect, it } from '@jest/globals';
import { isControlDestination } from './kube-live-state.js';

const CONTROL = 'https://127.0.0.1:6443';

describe('isControlDestination', () => {
  it.each([
    ['Argo CD in-cluster server', { server: 'https://kubernetes.default.svc', namespace: 'demo' }, true],
    ['the control kubeconfig server', { server: CONTROL }, true],
    ['the in-cluster name', { name: 'in-cluster' }, true],
    ['another server', { server: 'https://elsewhere.example.com:6443' }, false],
    ['another cluster name', { name: 'production' }, false],
    ['a server wins over a name', { server: 'https://elsewhere.example.com', name: 'in-cluster' }, false],
    ['neither server nor name', { namespace: 'demo' }, false],
  ])('%s → %s', (_label, destination, expected) => {
    expect(isControlDestination(destination, CONTROL)).toBe(expected);
  });
});
