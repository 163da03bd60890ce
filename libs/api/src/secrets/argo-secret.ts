// Dispatches a labelled Secret to its parser by `argocd.argoproj.io/secret-type`, for watchers that see all
// Secrets of the control namespace.

import { LABEL_SECRET_TYPE } from '../constants.js';
import { InvalidInputError } from '../errors/driftless-error.js';
import type { Secret } from '../types/kube-object.js';
import { parseClusterSecret } from './cluster.js';
import type { ClusterCredentials } from './cluster.js';
import { parseRepoCredsSecret, parseRepositorySecret } from './repository.js';
import type { ArgoSecretType, RepositoryCredentials } from './repository.js';
import { formatSecretRef } from './secret-reader.js';

/** A parsed platform Secret, tagged by its type label. */
export type ParsedArgoSecret =
  | { type: 'repository'; repository: RepositoryCredentials }
  | { type: 'repo-creds'; template: RepositoryCredentials }
  | { type: 'cluster'; cluster: ClusterCredentials };

/** The Secret's platform type from its label, or `undefined` for Secrets the platform does not read. */
export function argoSecretType(secret: Secret): ArgoSecretType | undefined {
  const value = secret.metadata?.labels?.[LABEL_SECRET_TYPE];
  return value === 'repository' || value === 'repo-creds' || value === 'cluster' ? value : undefined;
}

/** Parses any platform Secret by its type label; throws InvalidInputError for unlabelled or bad Secrets. */
export function parseArgoSecret(secret: Secret): ParsedArgoSecret {
  switch (argoSecretType(secret)) {
    case 'repository':
      return { type: 'repository', repository: parseRepositorySecret(secret) };
    case 'repo-creds':
      return { type: 'repo-creds', template: parseRepoCredsSecret(secret) };
    case 'cluster':
      return { type: 'cluster', cluster: parseClusterSecret(secret) };
    default: {
      const ref = formatSecretRef({ namespace: secret.metadata?.namespace, name: secret.metadata?.name ?? '<unnamed>' });
      const path = `metadata.labels["${LABEL_SECRET_TYPE}"]`;
      const message = 'must be one of repository, repo-creds, cluster';
      throw new InvalidInputError(`secret ${ref}: ${path}: ${message}`, { problems: [{ path, message }], context: { secret: ref } });
    }
  }
}
