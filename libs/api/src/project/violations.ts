// Every way an Application or its rendered resources break their AppProject's rules, with Argo CD's
// condition and sync messages, so users see the texts they know from Argo.

import { applicationSources, hasMultipleSources } from '../model/application-sources.js';
import type { AppProject } from '../types/app-project.js';
import type { Application, ApplicationDestination } from '../types/application.js';
import { joinPath } from '../util/field-path.js';
import { groupKindDenial, isAppNamespacePermitted, isDestinationPermitted, isSourcePermitted } from './permissions.js';
import type { DestinationCheckOptions, GroupKindRule } from './permissions.js';

/** The AppProject field whose rule is broken. */
export type ProjectRule = 'sourceRepos' | 'sourceNamespaces' | 'destinations' | GroupKindRule;

/** A resource of an application, as the resource checks read it; `group` is `''` for the core group. */
export interface ProjectResource {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** One broken project rule. */
export interface ProjectViolation {
  /** The AppProject field that refuses, e.g. `sourceRepos` or `namespaceResourceBlacklist`. */
  rule: ProjectRule;
  /** Argo's wording, e.g. `application repo https://x is not permitted in project 'p'`. */
  message: string;
  /** The Application field the rule applies to, e.g. `spec.sources[1].repoURL`; absent for resources. */
  field?: string;
  /** The offending resource, for the resource checks. */
  resource?: ProjectResource;
}

export interface ApplicationCheckOptions extends DestinationCheckOptions {
  /** The control-plane namespace; when given, the Application's namespace is checked against `sourceNamespaces`. */
  controllerNamespace?: string;
}

/** Whether a kind is namespaced, from API discovery; `undefined` when discovery does not know it. */
export type IsNamespaced = (group: string, kind: string) => boolean | undefined;

function projectName(project: AppProject): string {
  return project.metadata.name ?? '';
}

/**
 * The project rules the Application breaks, in Argo's order: its namespace (only with
 * `options.controllerNamespace`), each source's repository (`spec.sources[i]` when `sources` is set, else
 * `spec.source`), then the destination. `[]` when permitted. Sources without a repoURL are left to
 * validateApplication, as Argo reports the missing field instead.
 * Example: `{rule: 'sourceRepos', field: 'spec.sources[1].repoURL', message: "application repo
 * https://github.com/x/y is not permitted in project 'team-a'"}`.
 */
export function checkApplicationPermitted(
  project: AppProject,
  app: Pick<Application, 'metadata' | 'spec'>,
  options: ApplicationCheckOptions = {},
): ProjectViolation[] {
  const violations: ProjectViolation[] = [];
  const name = projectName(project);

  if (options.controllerNamespace !== undefined && !isAppNamespacePermitted(project, app.metadata.namespace, options.controllerNamespace)) {
    violations.push({
      rule: 'sourceNamespaces',
      field: 'metadata.namespace',
      message: `application '${app.metadata.name ?? ''}' in namespace '${app.metadata.namespace ?? ''}' is not allowed to use project ${name}`,
    });
  }

  const multiple = hasMultipleSources(app.spec);
  applicationSources(app.spec).forEach((source, index) => {
    if (source.repoURL === '' || isSourcePermitted(project, source.repoURL)) return;
    violations.push({
      rule: 'sourceRepos',
      field: joinPath(multiple ? ['spec', 'sources', index, 'repoURL'] : ['spec', 'source', 'repoURL']),
      message: `application repo ${source.repoURL} is not permitted in project '${name}'`,
    });
  });

  const destination = app.spec.destination;
  if (!isDestinationPermitted(project, destination, options)) {
    violations.push({ rule: 'destinations', field: 'spec.destination', message: destinationMessage(destination, name) });
  }
  return violations;
}

// Argo names the server; a destination known only by cluster name gets the same sentence with its name.
function destinationMessage(destination: ApplicationDestination, project: string): string {
  const namespace = destination.namespace ?? '';
  const server = destination.server ?? '';
  const cluster = server === '' && (destination.name ?? '') !== '' ? `name '${destination.name ?? ''}'` : `server '${server}'`;
  return `application destination ${cluster} and namespace '${namespace}' do not match any of the allowed destinations in project '${project}'`;
}

/**
 * The project rules the rendered resources break, as Argo's sync checks each object before applying it:
 * the group/kind against the cluster- or namespace-scoped lists (`resource <group>:<Kind> is not permitted
 * in project <p>`), then a namespaced object's namespace (its own, else the destination's) against the
 * project's destinations on the application's cluster (`namespace <ns> is not permitted in project '<p>'`).
 * At most one violation per object, in input order.
 *
 * `isNamespaced` answers from API discovery; when it does not know a kind, an object with a namespace is
 * taken as namespaced and one without as cluster-scoped (Argo's rule for live objects), which errs towards
 * the stricter cluster-scoped lists.
 */
export function checkResourcesPermitted(
  project: AppProject,
  objects: readonly ProjectResource[],
  isNamespaced: IsNamespaced,
  destination: ApplicationDestination,
  options: DestinationCheckOptions = {},
): ProjectViolation[] {
  const name = projectName(project);
  const violations: ProjectViolation[] = [];
  for (const object of objects) {
    const namespaced = isNamespaced(object.group, object.kind) ?? (object.namespace ?? '') !== '';
    const denial = groupKindDenial(project, object.group, object.kind, namespaced);
    if (denial !== undefined) {
      violations.push({ rule: denial, resource: object, message: `resource ${object.group}:${object.kind} is not permitted in project ${name}` });
      continue;
    }
    if (!namespaced) continue;
    const namespace = object.namespace || destination.namespace || '';
    if (!isDestinationPermitted(project, { server: destination.server, name: destination.name, namespace }, options)) {
      violations.push({ rule: 'destinations', resource: object, message: `namespace ${namespace} is not permitted in project '${name}'` });
    }
  }
  return violations;
}
