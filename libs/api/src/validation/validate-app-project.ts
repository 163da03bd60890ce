// Validates an AppProject the way Argo CD's API server does before storing it: the CRD schema plus role,
// policy, destination and sync window rules.

import type { FieldProblem } from '../errors/driftless-error.js';
import { parseGoDuration } from '../util/duration.js';
import { validateAgainstCrd } from './crd-validator.js';
import type { CrdValidationOptions } from './crd-validator.js';
import { checkObjectMeta } from './object-meta.js';
import { ProblemList, asArray, asRecord, asString } from './plain.js';
import type { Path } from './plain.js';

const ROLE_NAME = /^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const RESOURCES = ['applications', 'applicationsets', 'repositories', 'clusters', 'exec', 'logs'];
const ACTIONS = ['get', 'create', 'update', 'delete', 'sync', 'override', 'invoke', '*'];
const CRON_FIELD = /^[0-9A-Za-z*/,?-]+$/;
const CRON_DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/**
 * Returns every problem of an AppProject at once with its field path, or `[]` when valid: the CRD schema,
 * RFC 1123 names, destinations naming a server or cluster name without duplicates, unique well-formed role
 * names, policies of the form `p, proj:<project>:<role>, <resource>, <action>, <project>/<object>,
 * allow|deny`, and sync windows with kind allow|deny, a five-field cron schedule and a Go duration.
 */
export function validateAppProject(obj: unknown, options: CrdValidationOptions = {}): FieldProblem[] {
  const project = asRecord(obj);
  if (project === undefined || project['kind'] !== 'AppProject') return [{ path: 'kind', message: 'must be AppProject' }];
  const problems = new ProblemList();
  problems.addAll(validateAgainstCrd(project, options));
  checkObjectMeta(project, problems);
  const name = asString(asRecord(project['metadata'])?.['name']) ?? '';
  const spec = asRecord(project['spec']);
  if (spec === undefined) return problems.list;
  checkDestinations(asArray(spec['destinations']), problems);
  const roleNames = new Set<string>();
  asArray(spec['roles']).forEach((role, index) => {
    const roleName = asString(asRecord(role)?.['name']);
    if (roleName === undefined) return;
    const path: Path = ['spec', 'roles', index];
    if (!ROLE_NAME.test(roleName)) problems.add([...path, 'name'], "must be letters, digits, '-' or '_', starting and ending with a letter or digit");
    if (roleNames.has(roleName)) problems.add([...path, 'name'], `duplicate role ${JSON.stringify(roleName)}`);
    roleNames.add(roleName);
    asArray(asRecord(role)?.['policies']).forEach((policy, i) => {
      if (typeof policy !== 'string') return;
      const message = policyProblem(name, roleName, policy);
      if (message !== undefined) problems.add([...path, 'policies', i], message);
    });
  });
  asArray(spec['syncWindows']).forEach((window, index) => checkSyncWindow(asRecord(window), ['spec', 'syncWindows', index], problems));
  return problems.list;
}

function checkDestinations(destinations: unknown[], problems: ProblemList): void {
  const seen = new Set<string>();
  destinations.forEach((entry, index) => {
    const destination = asRecord(entry);
    if (destination === undefined) return;
    const server = asString(destination['server']);
    const name = asString(destination['name']);
    if (server === undefined && name === undefined) {
      problems.add(['spec', 'destinations', index], 'server or name required');
      return;
    }
    if (server === '!*' || name === '!*') problems.add(['spec', 'destinations', index], "'!*' matches nothing");
    const key = `${server ?? name}/${asString(destination['namespace']) ?? ''}`;
    if (seen.has(key)) problems.add(['spec', 'destinations', index], `duplicate destination ${key}`);
    seen.add(key);
  });
}

/** Why a role policy is invalid, following Argo CD's rules, or `undefined` when it is valid. */
function policyProblem(project: string, role: string, policy: string): string | undefined {
  const parts = policy.split(',').map((p) => p.trim());
  if (parts.length !== 6 || parts[0] !== 'p') return 'must be of the form: p, sub, res, act, obj, eft';
  const [, subject = '', resource = '', action = '', object = '', effect = ''] = parts;
  const expected = `proj:${project}:${role}`;
  if (subject !== expected) return `policy subject must be ${expected}, not ${subject}`;
  if (!RESOURCES.includes(resource)) return `resource must be one of ${RESOURCES.join(', ')}, not ${resource}`;
  const validAction = ACTIONS.includes(action) || /^(action|update|delete)\/.+/.test(action);
  if (!validAction) return `invalid action ${action}`;
  const objectPattern = new RegExp(`^${escapeRegExp(project)}/[*\\w.-]+(/[*\\w.-]+)?$`);
  if (!objectPattern.test(object)) return `object must be of the form ${project}/*, ${project}/<APPNAME> or ${project}/<NAMESPACE>/<APPNAME>, not ${object}`;
  if (effect !== 'allow' && effect !== 'deny') return 'effect must be allow or deny';
  return undefined;
}

function checkSyncWindow(window: Record<string, unknown> | undefined, path: Path, problems: ProblemList): void {
  if (window === undefined) return;
  const kind = window['kind'];
  if (kind !== 'allow' && kind !== 'deny') problems.add([...path, 'kind'], 'must be allow or deny');
  const schedule = asString(window['schedule']);
  if (schedule === undefined) problems.add([...path, 'schedule'], 'required');
  else if (!isCron(schedule)) problems.add([...path, 'schedule'], 'must be a five-field cron expression such as "0 22 * * *"');
  const duration = asString(window['duration']);
  if (duration === undefined) problems.add([...path, 'duration'], 'required');
  else if ((parseGoDuration(duration) ?? -1) <= 0) problems.add([...path, 'duration'], 'must be a positive duration such as 1h or 30m');
}

function isCron(schedule: string): boolean {
  if (CRON_DESCRIPTORS.includes(schedule.trim())) return true;
  const fields = schedule.trim().split(/\s+/);
  return fields.length === 5 && fields.every((field) => CRON_FIELD.test(field));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
