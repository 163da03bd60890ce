// Services: type and port defaults, ClusterIP and NodePort allocation at admission, IP immutability.
import type { FieldError } from '../errors/statuses.js';
import { isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import { readPath } from '../model/meta.js';
import { defaultTo, objectAt } from './strategy.js';
import type { KindStrategy, StrategyContext } from './strategy.js';

const SERVICES = { group: '', resource: 'services' };
/** 10.96.0.0/12 as kube-apiserver's default service CIDR; .1 is the `kubernetes` Service. */
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;

function ipString(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function usedValues(ctx: StrategyContext, pick: (svc: JsonObject) => unknown[]): Set<string> {
  const used = new Set<string>();
  for (const svc of ctx.list(SERVICES)) for (const v of pick(svc)) if (v !== undefined) used.add(String(v));
  return used;
}

function allocateIp(ctx: StrategyContext): string {
  const used = usedValues(ctx, (s) => [readPath(s, ['spec', 'clusterIP'])]);
  for (let offset = 10; offset < CIDR_SIZE - 1; offset++) {
    const ip = ipString(CIDR_BASE + offset);
    if (!used.has(ip)) return ip;
  }
  throw new Error('service IP range exhausted');
}

function allocateNodePort(ctx: StrategyContext, taken: Set<string>): number {
  const used = usedValues(ctx, (s) => {
    const ports = readPath(s, ['spec', 'ports']);
    return Array.isArray(ports) ? ports.map((p) => (isJsonObject(p) ? p['nodePort'] : undefined)) : [];
  });
  for (let port = 30000; port <= 32767; port++) if (!used.has(String(port)) && !taken.has(String(port))) return port;
  throw new Error('node port range exhausted');
}

function defaults(obj: JsonObject, ctx: StrategyContext, old: JsonObject | undefined): void {
  const spec = objectAt(obj, 'spec');
  defaultTo(spec, 'type', 'ClusterIP');
  defaultTo(spec, 'sessionAffinity', 'None');
  const type = spec['type'];
  const oldSpec = old !== undefined && isJsonObject(old['spec']) ? old['spec'] : undefined;
  if (type !== 'ExternalName') {
    if (oldSpec !== undefined && (spec['clusterIP'] === undefined || spec['clusterIP'] === '')) spec['clusterIP'] = oldSpec['clusterIP'] ?? null;
    if (spec['clusterIP'] === undefined || spec['clusterIP'] === '' || spec['clusterIP'] === null) spec['clusterIP'] = allocateIp(ctx);
    spec['clusterIPs'] = [spec['clusterIP']];
    defaultTo(spec, 'ipFamilies', ['IPv4']);
    defaultTo(spec, 'ipFamilyPolicy', 'SingleStack');
    defaultTo(spec, 'internalTrafficPolicy', 'Cluster');
  }
  const ports = Array.isArray(spec['ports']) ? spec['ports'] : [];
  const taken = new Set<string>();
  ports.forEach((port, i) => {
    if (!isJsonObject(port)) return;
    defaultTo(port, 'protocol', 'TCP');
    defaultTo(port, 'targetPort', port['port'] ?? null);
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const oldPort = oldSpec !== undefined && Array.isArray(oldSpec['ports']) ? oldSpec['ports'][i] : undefined;
      if (port['nodePort'] === undefined && isJsonObject(oldPort) && typeof oldPort['nodePort'] === 'number') port['nodePort'] = oldPort['nodePort'];
      if (port['nodePort'] === undefined) port['nodePort'] = allocateNodePort(ctx, taken);
      taken.add(String(port['nodePort']));
    }
  });
  if (type === 'NodePort' || type === 'LoadBalancer') defaultTo(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') defaultTo(spec, 'allocateLoadBalancerNodePorts', true);
  if (old === undefined) obj['status'] = { loadBalancer: {} };
}

/** Services as kube-apiserver admits them. */
export const serviceStrategy: KindStrategy = {
  prepareForCreate: (obj, ctx) => defaults(obj, ctx, undefined),
  prepareForUpdate: (obj, old, ctx) => defaults(obj, ctx, old),
  validate(obj, old) {
    const errors: FieldError[] = [];
    const ports = readPath(obj, ['spec', 'ports']);
    const type = readPath(obj, ['spec', 'type']);
    if (type !== 'ExternalName' && readPath(obj, ['spec', 'clusterIP']) !== 'None' && (!Array.isArray(ports) || ports.length === 0)) {
      errors.push({ type: 'FieldValueRequired', field: 'spec.ports', detail: '' });
    }
    const oldIp = old === undefined ? undefined : readPath(old, ['spec', 'clusterIP']);
    const newIp = readPath(obj, ['spec', 'clusterIP']);
    if (typeof oldIp === 'string' && oldIp !== '' && newIp !== oldIp && type !== 'ExternalName') {
      errors.push({ type: 'FieldValueInvalid', field: 'spec.clusterIPs[0]', value: JSON.stringify(newIp), detail: 'may not change once set' });
    }
    return errors;
  },
};
