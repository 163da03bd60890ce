import { describe, expect, it } from '@jest/globals';
import * as k8s from '@kubernetes/client-node';
import { ConflictError, InvalidInputError, NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import { errorForStatus, toKubeError } from './kube-error.js';

const ctx = { server: 'https://c:6443', verb: 'get', group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'ns', name: 'web' };

describe('errorForStatus', () => {
  it.each([
    [404, NotFoundError],
    [409, ConflictError],
    [401, PermissionDeniedError],
    [403, PermissionDeniedError],
    [400, InvalidInputError],
    [422, InvalidInputError],
    [429, UnavailableError],
    [500, UnavailableError],
    [503, UnavailableError],
  ])('maps %i to %p', (status, type) => {
    expect(errorForStatus(status, 'msg', ctx)).toBeInstanceOf(type);
  });

  it('names verb, kind, namespace/name and server, and keeps them as context', () => {
    const error = errorForStatus(404, 'deployments.apps "web" not found', ctx);
    expect(error.message).toBe('get Deployment.apps ns/web on https://c:6443: deployments.apps "web" not found');
    expect(error.context).toMatchObject({ server: 'https://c:6443', kind: 'Deployment', namespace: 'ns', name: 'web', status: 404 });
  });
});

describe('toKubeError', () => {
  it('reads the Status message of an ApiException body', () => {
    const error = toKubeError(new k8s.ApiException(409, 'x', JSON.stringify({ kind: 'Status', message: 'the object has been modified' }), {}), ctx);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('the object has been modified');
  });

  it('treats network failures as Unavailable with the cause kept', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const error = toKubeError(cause, ctx);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('passes typed errors through', () => {
    const typed = new NotFoundError('x');
    expect(toKubeError(typed, ctx)).toBe(typed);
  });
});
