// Server-side Table columns of built-in kinds (a subset of upstream's printers; the rest show NAME/AGE, D15).
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { readPath } from '../model/meta.js';
import type { PrinterColumn } from './descriptor.js';

function col(name: string, type: PrinterColumn['type'], cell: (obj: JsonObject) => JsonValue, priority = 0): PrinterColumn {
  return { name, type, format: '', description: `${name} column`, priority, cell };
}

function num(obj: JsonObject, ...path: string[]): number {
  const value = readPath(obj, path);
  return typeof value === 'number' ? value : 0;
}

function str(obj: JsonObject, ...path: string[]): string {
  const value = readPath(obj, path);
  return typeof value === 'string' ? value : '';
}

function count(obj: JsonObject, field: string): number {
  const value = obj[field];
  return isJsonObject(value) ? Object.keys(value).length : 0;
}

/** The Age column every built-in ends with: creationTimestamp shown as a duration. */
export const AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  format: '',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  priority: 0,
  cell: (obj) => str(obj, 'metadata', 'creationTimestamp'),
};

function podReady(obj: JsonObject): string {
  const containers = readPath(obj, ['spec', 'containers']);
  const statuses = readPath(obj, ['status', 'containerStatuses']);
  const total = Array.isArray(containers) ? containers.length : 0;
  const ready = Array.isArray(statuses) ? statuses.filter((s) => isJsonObject(s) && s['ready'] === true).length : 0;
  return `${ready}/${total}`;
}

function podRestarts(obj: JsonObject): number {
  const statuses = readPath(obj, ['status', 'containerStatuses']);
  if (!Array.isArray(statuses)) return 0;
  return statuses.reduce<number>((sum, s) => sum + (isJsonObject(s) && typeof s['restartCount'] === 'number' ? s['restartCount'] : 0), 0);
}

function podStatus(obj: JsonObject): string {
  if (readPath(obj, ['metadata', 'deletionTimestamp']) !== undefined) return 'Terminating';
  const statuses = readPath(obj, ['status', 'containerStatuses']);
  if (Array.isArray(statuses)) {
    for (const s of statuses) {
      const reason = isJsonObject(s) ? readPath(s, ['state', 'waiting', 'reason']) : undefined;
      if (typeof reason === 'string' && reason !== '') return reason;
    }
  }
  return str(obj, 'status', 'reason') || str(obj, 'status', 'phase') || 'Pending';
}

function servicePorts(obj: JsonObject): string {
  const ports = readPath(obj, ['spec', 'ports']);
  if (!Array.isArray(ports) || ports.length === 0) return '<none>';
  return ports
    .filter(isJsonObject)
    .map((p) => `${String(p['port'])}${typeof p['nodePort'] === 'number' ? `:${p['nodePort']}` : ''}/${typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP'}`)
    .join(',');
}

function externalIp(obj: JsonObject): string {
  const ingress = readPath(obj, ['status', 'loadBalancer', 'ingress']);
  if (Array.isArray(ingress) && ingress.length > 0) {
    return ingress.filter(isJsonObject).map((i) => (typeof i['ip'] === 'string' ? i['ip'] : typeof i['hostname'] === 'string' ? i['hostname'] : '')).join(',');
  }
  return str(obj, 'spec', 'type') === 'LoadBalancer' ? '<pending>' : '<none>';
}

/** Columns between NAME and AGE per built-in resource (bucket id → columns). */
export const BUILTIN_COLUMNS: Readonly<Record<string, readonly PrinterColumn[]>> = {
  namespaces: [col('Status', 'string', (o) => str(o, 'status', 'phase'))],
  configmaps: [col('Data', 'integer', (o) => count(o, 'data') + count(o, 'binaryData'))],
  secrets: [col('Type', 'string', (o) => str(o, 'type')), col('Data', 'integer', (o) => count(o, 'data'))],
  pods: [col('Ready', 'string', podReady), col('Status', 'string', podStatus), col('Restarts', 'string', (o) => String(podRestarts(o)))],
  services: [
    col('Type', 'string', (o) => str(o, 'spec', 'type')),
    col('Cluster-IP', 'string', (o) => str(o, 'spec', 'clusterIP') || '<none>'),
    col('External-IP', 'string', externalIp),
    col('Port(s)', 'string', servicePorts),
  ],
  'apps/deployments': [
    col('Ready', 'string', (o) => `${num(o, 'status', 'readyReplicas')}/${num(o, 'spec', 'replicas')}`),
    col('Up-to-date', 'integer', (o) => num(o, 'status', 'updatedReplicas')),
    col('Available', 'integer', (o) => num(o, 'status', 'availableReplicas')),
  ],
  'apps/replicasets': [
    col('Desired', 'integer', (o) => num(o, 'spec', 'replicas')),
    col('Current', 'integer', (o) => num(o, 'status', 'replicas')),
    col('Ready', 'integer', (o) => num(o, 'status', 'readyReplicas')),
  ],
  'apps/statefulsets': [col('Ready', 'string', (o) => `${num(o, 'status', 'readyReplicas')}/${num(o, 'spec', 'replicas')}`)],
  'batch/jobs': [
    col('Status', 'string', (o) => jobStatus(o)),
    col('Completions', 'string', (o) => `${num(o, 'status', 'succeeded')}/${readPath(o, ['spec', 'completions']) ?? 1}`),
  ],
  'apiextensions.k8s.io/customresourcedefinitions': [col('Created At', 'string', (o) => str(o, 'metadata', 'creationTimestamp'))],
};

function jobStatus(obj: JsonObject): string {
  const conditions = readPath(obj, ['status', 'conditions']);
  if (Array.isArray(conditions)) {
    for (const c of conditions) {
      if (isJsonObject(c) && c['status'] === 'True' && (c['type'] === 'Complete' || c['type'] === 'Failed')) return c['type'];
    }
  }
  return 'Running';
}
