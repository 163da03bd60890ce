// Query-parameter parsing shared by the handlers: write options and list options.
import type { IncomingMessage } from 'node:http';
import type { FieldValidation, RequestContext } from '../api/api-context.js';
import type { ListOptions } from '../api/read.js';
import { badRequest } from '../errors/statuses.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { parseFieldSelector } from '../selectors/field-selector.js';
import { parseLabelSelector } from '../selectors/label-selector.js';

/** The manager name upstream derives from a User-Agent: the part before the first '/'. */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const prefix = (userAgent ?? '').split('/')[0]?.trim() ?? '';
  return prefix === '' ? 'unknown' : prefix.slice(0, 128);
}

/** dryRun, fieldManager and fieldValidation of a write (400 for unsupported values). */
export function writeContext(req: IncomingMessage, query: URLSearchParams): RequestContext {
  const dryRun = query.getAll('dryRun');
  for (const value of dryRun) if (value !== 'All') throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(value)}: supported values: "All"`);
  const validation = query.get('fieldValidation') ?? 'Warn';
  if (validation !== 'Ignore' && validation !== 'Warn' && validation !== 'Strict') {
    throw badRequest(`fieldValidation: Unsupported value: ${JSON.stringify(validation)}: supported values: "Ignore", "Strict", "Warn"`);
  }
  const manager = query.get('fieldManager');
  if (manager !== null && manager.length > 128) throw badRequest('fieldManager: Too long: may not be more than 128 bytes');
  return {
    dryRun: dryRun.length > 0,
    fieldManager: manager !== null && manager !== '' ? manager : managerFromUserAgent(req.headers['user-agent']),
    fieldValidation: validation as FieldValidation,
    warnings: [],
  };
}

/** Selectors, limit, continue and resourceVersion of a list or watch. */
export function listOptions(desc: ResourceDescriptor, query: URLSearchParams): ListOptions {
  const limitText = query.get('limit');
  const limit = limitText === null || limitText === '' ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw badRequest(`limit: Invalid value: ${JSON.stringify(limitText)}: must be a non-negative integer`);
  const continueToken = query.get('continue') ?? undefined;
  const resourceVersion = query.get('resourceVersion') ?? undefined;
  const resourceVersionMatch = query.get('resourceVersionMatch') ?? undefined;
  return {
    labelSelector: parseLabelSelector(query.get('labelSelector') ?? undefined),
    fieldSelector: parseFieldSelector(query.get('fieldSelector') ?? undefined, desc.fieldSelectors),
    ...(limit === undefined ? {} : { limit }),
    ...(continueToken === undefined ? {} : { continueToken }),
    ...(resourceVersion === undefined ? {} : { resourceVersion }),
    ...(resourceVersionMatch === undefined ? {} : { resourceVersionMatch }),
  };
}
