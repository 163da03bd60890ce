// kubectl as the referee: the real binary against a dev cluster (TLS + token), asserting output and exit codes.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { eventually } from '../testing/eventually.js';
import { kubectlSuite } from './kubectl-harness.js';

const suite = kubectlSuite('k');
const { namespace, jsonpath } = suite;

function configMap(name: string, data: Record<string, string>): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}\n`;
}

describe('discovery', () => {
  it('reports version 1.33 and serves discovery and OpenAPI', async () => {
    const version = JSON.parse(await suite.kubectl.ok(['version', '-o', 'json'])) as { serverVersion: { major: string; minor: string } };
    expect(version.serverVersion).toMatchObject({ major: '1', minor: '33' });
    const resources = await suite.kubectl.ok(['api-resources']);
    expect(resources).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(resources).toMatch(/^customresourcedefinitions\s+crd,crds\s+apiextensions.k8s.io\/v1\s+false\s+CustomResourceDefinition$/m);
    expect(JSON.parse(await suite.kubectl.ok(['get', '--raw', '/api']))).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = JSON.parse(await suite.kubectl.ok(['get', '--raw', '/apis'])) as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toEqual(expect.arrayContaining(['apps', 'batch', 'rbac.authorization.k8s.io', 'apiextensions.k8s.io']));
    const openapi = JSON.parse(await suite.kubectl.ok(['get', '--raw', '/openapi/v3'])) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['api/v1', 'apis/apps/v1']));
  });
});

describe('namespaces and errors', () => {
  it('creates a namespace that is Active with its default ServiceAccount and root CA', async () => {
    const ns = await namespace();
    expect(await jsonpath(['get', 'ns', ns], '{.status.phase}')).toBe('Active');
    await eventually(() => suite.kubectl.run(['get', 'serviceaccount', 'default', '-n', ns]), (r) => r.exitCode === 0);
    await eventually(() => suite.kubectl.run(['get', 'configmap', 'kube-root-ca.crt', '-n', ns]), (r) => r.exitCode === 0);
  });

  it('accepts the protobuf bodies of kubectl create namespace/configmap/secret/serviceaccount (D2)', async () => {
    const ns = `k-${randomUUID().slice(0, 8)}`;
    await suite.kubectl.ok(['create', 'namespace', ns]);
    await suite.kubectl.ok(['create', 'configmap', 'c', '-n', ns, '--from-literal=a=1', '--from-literal=empty=']);
    await suite.kubectl.ok(['create', 'secret', 'generic', 's', '-n', ns, '--from-literal=pw=hunter2']);
    await suite.kubectl.ok(['create', 'serviceaccount', 'robot', '-n', ns]);
    expect(await jsonpath(['get', 'ns', ns], '{.status.phase} {.metadata.labels}')).toBe(`Active {"kubernetes.io/metadata.name":"${ns}"}`);
    expect(JSON.parse(await jsonpath(['get', 'cm', 'c', '-n', ns], '{.data}'))).toEqual({ a: '1', empty: '' });
    expect(await jsonpath(['get', 'secret', 's', '-n', ns], '{.type} {.data.pw}')).toBe(`Opaque ${Buffer.from('hunter2').toString('base64')}`);
    const refused = await suite.kubectl.run(['create', 'deployment', 'd', '-n', ns, '--image=nginx']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('decodes protobuf only for');
  });

  it('fails like a real server: AlreadyExists, NotFound, strict decoding, Invalid', async () => {
    const ns = await namespace();
    await suite.kubectl.ok(['create', '-n', ns, '-f', '-'], configMap('demo', { a: '1' }));
    const again = await suite.kubectl.run(['create', '-n', ns, '-f', '-'], configMap('demo', { a: '1' }));
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('Error from server (AlreadyExists): error when creating "STDIN": configmaps "demo" already exists');
    const missing = await suite.kubectl.run(['get', 'configmap', 'nope', '-n', ns]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('Error from server (NotFound): configmaps "nope" not found');
    const unknown = await suite.kubectl.run(['create', '-n', ns, '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: u\nfoo: bar\n');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "foo"');
    const bad = await suite.kubectl.run(['create', '-n', ns, '-f', '-'], configMap('Bad_Name', {}));
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of');
  });
});

describe('apply, diff, dry-run, replace', () => {
  it('applies created / unchanged / configured and drops a removed key', async () => {
    const ns = await namespace();
    expect(await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], configMap('cfg', { a: '1', b: '2' }))).toBe('configmap/cfg created\n');
    expect(await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], configMap('cfg', { a: '1', b: '2' }))).toBe('configmap/cfg unchanged\n');
    expect(await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], configMap('cfg', { b: '3' }))).toBe('configmap/cfg configured\n');
    expect(JSON.parse(await jsonpath(['get', 'cm', 'cfg', '-n', ns], '{.data}'))).toEqual({ b: '3' });
  });

  it('applies a Deployment change with strategic merge patch: the untouched container survives', async () => {
    const ns = await namespace();
    const manifest = (image: string, env: string): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: two\nspec:\n  replicas: 0\n  selector: {matchLabels: {app: two}}\n  template:\n    metadata: {labels: {app: two}}\n    spec:\n      containers:\n      - {name: app, image: ${image}, env: [${env}]}\n      - {name: side, image: busybox:1.36}\n`;
    await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], manifest('nginx:1.27', '{name: A, value: "1"}, {name: B, value: "2"}'));
    await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], manifest('nginx:1.28', '{name: A, value: "1"}, {name: C, value: "3"}'));
    const spec = JSON.parse(await jsonpath(['get', 'deploy', 'two', '-n', ns], '{.spec.template.spec}')) as { containers: { name: string; image: string; env?: { name: string }[] }[] };
    expect(spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['app=nginx:1.28', 'side=busybox:1.36']);
    expect(spec.containers[0]?.env?.map((e) => e.name)).toEqual(['A', 'C']);
    expect(JSON.stringify(spec)).not.toContain('$setElementOrder');
  });

  it('server-side applies with field ownership: conflicts for another manager, --force-conflicts wins', async () => {
    const ns = await namespace();
    expect(await suite.kubectl.ok(['apply', '--server-side', '-n', ns, '-f', '-'], configMap('owned', { a: '1' }))).toBe('configmap/owned serverside-applied\n');
    const managed = JSON.parse(await suite.kubectl.ok(['get', 'cm', 'owned', '-n', ns, '--show-managed-fields', '-o', 'json'])) as { metadata: { managedFields: { manager: string; operation: string }[] } };
    expect(managed.metadata.managedFields.map((m) => `${m.manager}/${m.operation}`)).toEqual(['kubectl/Apply']);
    const conflicted = await suite.kubectl.run(['apply', '--server-side', '--field-manager=other', '-n', ns, '-f', '-'], configMap('owned', { a: '2' }));
    expect(conflicted.exitCode).toBe(1);
    expect(conflicted.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl": .data.a');
    await suite.kubectl.ok(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-n', ns, '-f', '-'], configMap('owned', { a: '2' }));
    expect(await jsonpath(['get', 'cm', 'owned', '-n', ns], '{.data.a}')).toBe('2');
  });

  it('diffs without side effects: exit 0 unchanged, exit 1 changed, resourceVersion kept', async () => {
    const ns = await namespace();
    await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], configMap('d', { a: '1' }));
    const rv = await jsonpath(['get', 'cm', 'd', '-n', ns], '{.metadata.resourceVersion}');
    expect((await suite.kubectl.run(['diff', '-n', ns, '-f', '-'], configMap('d', { a: '1' }))).exitCode).toBe(0);
    const changed = await suite.kubectl.run(['diff', '-n', ns, '-f', '-'], configMap('d', { a: '2' }));
    expect(changed.exitCode).toBe(1);
    expect(changed.stdout).toContain('+  a: "2"');
    expect(await jsonpath(['get', 'cm', 'd', '-n', ns], '{.metadata.resourceVersion}')).toBe(rv);
  });

  it('creates with --dry-run=server without storing and refuses a stale replace', async () => {
    const ns = await namespace();
    const dry = parse(await suite.kubectl.ok(['create', '-n', ns, '--dry-run=server', '-o', 'yaml', '-f', '-'], configMap('dry', { a: '1' }))) as { metadata: { uid?: string } };
    expect(dry.metadata.uid).toBeDefined();
    expect((await suite.kubectl.run(['get', 'cm', 'dry', '-n', ns])).exitCode).toBe(1);
    await suite.kubectl.ok(['create', '-n', ns, '-f', '-'], configMap('r', { a: '1' }));
    const stale = (await suite.kubectl.ok(['get', 'cm', 'r', '-n', ns, '-o', 'yaml'])).replace('a: "1"', 'a: "2"');
    await suite.kubectl.ok(['patch', 'cm', 'r', '-n', ns, '--type=merge', '-p', '{"data":{"a":"3"}}']);
    const replaced = await suite.kubectl.run(['replace', '-f', '-'], stale);
    expect(replaced.exitCode).toBe(1);
    expect(replaced.stderr).toContain('Operation cannot be fulfilled on configmaps "r": the object has been modified; please apply your changes to the latest version and try again');
  });
});

describe('lists and selectors', () => {
  it('pages, filters by label and field, rejects unsupported fields, lists across namespaces', async () => {
    const ns = await namespace();
    for (const [name, tier] of [['one', 'a'], ['two', 'b'], ['three', 'a']]) {
      await suite.kubectl.ok(['create', '-n', ns, '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels: {tier: ${tier}}\n`);
    }
    const chunked = await suite.kubectl.ok(['get', 'cm', '-n', ns, '--chunk-size=1', '-o', 'name']);
    expect(chunked.trim().split('\n').sort()).toEqual(['configmap/kube-root-ca.crt', 'configmap/one', 'configmap/three', 'configmap/two'].sort());
    expect((await suite.kubectl.ok(['get', 'cm', '-n', ns, '-l', 'tier=a', '-o', 'name'])).trim().split('\n')).toEqual(['configmap/one', 'configmap/three']);
    expect((await suite.kubectl.ok(['get', 'cm', '-n', ns, '-l', 'tier notin (a)', '-o', 'name'])).trim().split('\n')).toEqual(['configmap/kube-root-ca.crt', 'configmap/two']);
    expect((await suite.kubectl.ok(['get', 'cm', '-n', ns, '--field-selector', 'metadata.name=two', '-o', 'name'])).trim()).toBe('configmap/two');
    const unsupported = await suite.kubectl.run(['get', 'cm', '-n', ns, '--field-selector', 'spec.foo=x']);
    expect(unsupported.exitCode).toBe(1);
    expect(unsupported.stderr).toContain('field label not supported: spec.foo');
    const all = await suite.kubectl.ok(['get', 'cm', '-A']);
    expect(all).toMatch(/^NAMESPACE\s+NAME\s+DATA\s+AGE$/m);
    expect(all).toMatch(new RegExp(`^${ns}\\s+two\\s+0\\s+\\d+s$`, 'm'));
  });
});

describe('deletion', () => {
  it('holds a finalized object with deletionTimestamp until the finalizer goes', async () => {
    const ns = await namespace();
    await suite.kubectl.ok(['create', '-n', ns, '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [example.com/hold]\n');
    await suite.kubectl.ok(['delete', 'cm', 'held', '-n', ns, '--wait=false']);
    expect(await jsonpath(['get', 'cm', 'held', '-n', ns], '{.metadata.deletionTimestamp}')).not.toBe('');
    expect((await suite.kubectl.run(['wait', '--for=delete', 'cm/held', '-n', ns, '--timeout=1s'])).exitCode).toBe(1);
    await suite.kubectl.ok(['patch', 'cm', 'held', '-n', ns, '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await suite.kubectl.ok(['wait', '--for=delete', 'cm/held', '-n', ns, '--timeout=10s']);
  });

  it('cascades: foreground waits for dependents, orphan keeps them without owner references', async () => {
    const ns = await namespace();
    const deployment = (name: string): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: nginx:1.27}]}\n`;
    await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], deployment('fg'));
    await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], deployment('or'));
    await suite.kubectl.ok(['rollout', 'status', 'deployment/fg', 'deployment/or', '-n', ns, '--timeout=30s']);
    await suite.kubectl.ok(['delete', 'deployment', 'fg', '-n', ns, '--cascade=foreground']);
    expect((await suite.kubectl.ok(['get', 'rs,pods', '-n', ns, '-l', 'app=fg', '-o', 'name'])).trim()).toBe('');
    await suite.kubectl.ok(['delete', 'deployment', 'or', '-n', ns, '--cascade=orphan']);
    const orphans = JSON.parse(await suite.kubectl.ok(['get', 'rs', '-n', ns, '-l', 'app=or', '-o', 'json'])) as { items: { metadata: { ownerReferences?: unknown[] } }[] };
    expect(orphans.items).toHaveLength(1);
    expect(orphans.items[0]?.metadata.ownerReferences).toBeUndefined();
  });

  it('terminates a namespace: Terminating, new content Forbidden, then gone', async () => {
    const ns = await namespace();
    await suite.kubectl.ok(['create', '-n', ns, '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [example.com/hold]\n');
    await suite.kubectl.ok(['delete', 'ns', ns, '--wait=false']);
    expect(await jsonpath(['get', 'ns', ns], '{.status.phase}')).toBe('Terminating');
    const refused = await suite.kubectl.run(['create', '-n', ns, '-f', '-'], configMap('late', {}));
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(`configmaps "late" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
    await eventually(() => jsonpath(['get', 'cm', 'held', '-n', ns], '{.metadata.deletionTimestamp}'), (ts) => ts !== '');
    await suite.kubectl.ok(['patch', 'cm', 'held', '-n', ns, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    await suite.kubectl.ok(['wait', '--for=delete', `namespace/${ns}`, '--timeout=20s']);
  });
});

describe('custom resources', () => {
  it('serves a CRD once established; /status leaves generation alone, spec changes bump it', async () => {
    const ns = await namespace();
    await suite.kubectl.ok(
      ['apply', '-f', '-'],
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {size: {type: integer, default: 1}}}
          status: {type: object, properties: {ready: {type: boolean}}}
`,
    );
    await suite.kubectl.ok(['wait', '--for', 'condition=established', 'crd/widgets.example.com', '--timeout=10s']);
    await suite.kubectl.ok(['create', '-n', ns, '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {}\n');
    expect(await suite.kubectl.ok(['get', 'wd', '-n', ns])).toMatch(/^NAME\s+SIZE\nw1\s+1\n$/);
    await suite.kubectl.ok(['patch', 'widget', 'w1', '-n', ns, '--subresource=status', '--type=merge', '-p', '{"status":{"ready":true}}']);
    expect(await jsonpath(['get', 'widget', 'w1', '-n', ns], '{.metadata.generation} {.status.ready}')).toBe('1 true');
    await suite.kubectl.ok(['patch', 'widget', 'w1', '-n', ns, '--type=merge', '-p', '{"spec":{"size":3}}']);
    expect(await jsonpath(['get', 'widget', 'w1', '-n', ns], '{.metadata.generation} {.spec.size}')).toBe('2 3');
    const strategic = await suite.kubectl.run(['patch', 'widget', 'w1', '-n', ns, '--type=strategic', '-p', '{"spec":{"size":4}}']);
    expect(strategic.exitCode).toBe(1);
    // kubectl itself refuses strategic merge patch for custom resources (the server would answer 415).
    expect(strategic.stderr).toContain('application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Widget');
  });
});

describe('watch', () => {
  it('answers a watch from a compacted resourceVersion with an ERROR 410 Expired event', async () => {
    const ns = await namespace();
    await suite.kubectl.ok(['create', '-n', ns, '-f', '-'], configMap('w', {}));
    const rv = await jsonpath(['get', 'cm', 'w', '-n', ns], '{.metadata.resourceVersion}');
    await suite.kubectl.ok(['patch', 'cm', 'w', '-n', ns, '--type=merge', '-p', '{"data":{"a":"b"}}']);
    // History up to now is compacted away: resuming from before the patch is impossible.
    suite.cluster.faults.set({ forceExpired: true });
    const raw = await suite.kubectl.ok(['get', '--raw', `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${rv}&timeoutSeconds=5`]);
    const event = JSON.parse(raw.trim().split('\n')[0] ?? '{}') as { type: string; object: { code: number; reason: string; message: string } };
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(event.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });
});
