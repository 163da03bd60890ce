// The enforcer answers as Argo CD does: built-in roles, glob objects, deny overrides allow, default role.
import { describe, it, expect, beforeAll } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { createEnforcer } from './create-enforcer.js';
import type { RbacEnforcer } from './create-enforcer.js';

const POLICY = `
p, role:dev, applications, get, proj/*, allow
p, role:dev, applications, get, proj/secret, deny
p, role:dev, applications, action/*, proj/*, allow
p, role:ops, clusters, *, *, allow
p, "role:with,comma", projects, get, *, allow
p, carol, applications, get, */*, deny
g, alice, role:dev
g, my-org:team, role:ops
g, dave, my-org:team
g, erin, "role:with,comma"
g, frank, role:admin
`;

type Case = readonly [subject: string, resource: string, action: string, object: string, allowed: boolean];

describe('createEnforcer without a default role', () => {
  let enforcer: RbacEnforcer;
  beforeAll(async () => {
    enforcer = await createEnforcer({ policyCsv: POLICY });
  });

  const cases: readonly Case[] = [
    ['alice', 'applications', 'get', 'proj/app', true],
    ['alice', 'applications', 'sync', 'proj/app', false],
    ['alice', 'applications', 'get', 'other/app', false],
    ['alice', 'applications', 'get', 'proj/secret', false], // deny overrides allow
    ['alice', 'applications', 'action/apps/Deployment/restart', 'proj/app', true], // `*` crosses `/`
    ['alice', 'clusters', 'get', 'https://kubernetes.default.svc', false],
    ['role:dev', 'applications', 'get', 'proj/app', true], // a role is a subject too
    ['bob', 'applications', 'get', 'proj/app', false], // unknown subject
    ['', 'applications', 'get', 'proj/app', false], // anonymous
    ['dave', 'clusters', 'delete', 'https://kubernetes.default.svc', true], // group → role, transitively
    ['my-org:team', 'clusters', 'update', 'in-cluster', true],
    ['erin', 'projects', 'get', 'default', true], // quoted subject with a comma
    ['carol', 'applications', 'get', 'proj/app', false],
    // built-in roles
    ['admin', 'applications', 'sync', 'any/app', true],
    ['admin', 'applications', 'get', 'any/app', true], // role:admin inherits role:readonly
    ['admin', 'exec', 'create', 'proj/app', true],
    ['frank', 'projects', 'delete', 'default', true],
    ['role:readonly', 'applications', 'get', 'any/app', true],
    ['role:readonly', 'applications', 'sync', 'any/app', false],
    ['role:readonly', 'logs', 'get', 'proj/app', true],
    ['role:readonly', 'exec', 'create', 'proj/app', false],
    ['role:readonly', 'accounts', 'update', 'alice', false],
  ];

  it.each(cases)('%s %s %s %s → %s', (subject, resource, action, object, allowed) => {
    expect(enforcer.enforce(subject, resource, action, object)).toBe(allowed);
  });
});

describe('createEnforcer with default role role:readonly', () => {
  let enforcer: RbacEnforcer;
  beforeAll(async () => {
    enforcer = await createEnforcer({ policyCsv: POLICY, defaultRole: 'role:readonly' });
  });

  const cases: readonly Case[] = [
    ['bob', 'applications', 'get', 'proj/app', true],
    ['bob', 'applications', 'sync', 'proj/app', false],
    ['', 'clusters', 'get', 'in-cluster', true],
    ['alice', 'applications', 'get', 'proj/secret', true], // Argo checks the default role on its own
    ['carol', 'applications', 'get', 'proj/app', true],
    ['alice', 'applications', 'action/restart', 'proj/app', true], // the subject's own rules still apply
  ];

  it.each(cases)('%s %s %s %s → %s', (subject, resource, action, object, allowed) => {
    expect(enforcer.enforce(subject, resource, action, object)).toBe(allowed);
  });
});

describe('createEnforcer edge cases', () => {
  it('lets a user deny override a built-in allow', async () => {
    const enforcer = await createEnforcer({ policyCsv: 'p, admin, applications, delete, prod/*, deny' });
    expect(enforcer.enforce('admin', 'applications', 'delete', 'prod/app')).toBe(false);
    expect(enforcer.enforce('admin', 'applications', 'delete', 'dev/app')).toBe(true);
  });

  it('accepts a rule that repeats a built-in one', async () => {
    const enforcer = await createEnforcer({ policyCsv: 'g, admin, role:admin\np, bob, clusters, get, *, allow' });
    expect(enforcer.enforce('bob', 'clusters', 'get', 'in-cluster')).toBe(true);
  });

  it('can run without the built-in roles', async () => {
    const enforcer = await createEnforcer({ builtinPolicyCsv: '', policyCsv: 'g, alice, role:admin' });
    expect(enforcer.enforce('admin', 'applications', 'get', 'proj/app')).toBe(false);
    expect(enforcer.enforce('alice', 'applications', 'get', 'proj/app')).toBe(false);
  });

  it('rejects a malformed policy, naming the line', async () => {
    const attempt = createEnforcer({ policyCsv: 'g, alice, role:dev\np, role:dev, applications, get' });
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(createEnforcer({ policyCsv: 'p, x' })).rejects.toThrow('policy.csv: line 1:');
  });
});
