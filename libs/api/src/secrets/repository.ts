// Parses `repository` and `repo-creds` Secrets into typed repository credentials. The keys are Argo CD's
// (declarative setup: url, type, username, password, sshPrivateKey, tlsClientCert*, githubApp*, proxy, ...).

import { LABEL_SECRET_TYPE } from '../constants.js';
import type { Secret } from '../types/kube-object.js';
import { SecretReader } from './secret-reader.js';
import type { SecretRef } from './secret-reader.js';

/** Kind of repository: Git, a Helm chart repository or an OCI registry. */
export type RepositoryType = 'git' | 'helm' | 'oci';

/** Secret types the platform reads (label `argocd.argoproj.io/secret-type`). */
export type ArgoSecretType = 'repository' | 'repo-creds' | 'cluster';

/** Credential fields; {@link hasCredentials} looks at exactly these. */
export interface RepositoryAuth {
  username?: string;
  password?: string;
  bearerToken?: string;
  sshPrivateKey?: string;
  tlsClientCertData?: string;
  tlsClientCertKey?: string;
  githubAppPrivateKey?: string;
  githubAppID?: string;
  githubAppInstallationID?: string;
  githubAppEnterpriseBaseUrl?: string;
  gcpServiceAccountKey?: string;
  useAzureWorkloadIdentity?: boolean;
}

/** A repository (from a `repository` Secret) or a credential template (from a `repo-creds` Secret). */
export interface RepositoryCredentials extends RepositoryAuth {
  /** The Secret this came from. */
  secret: SecretRef;
  /** Repository URL, or URL prefix for a template. */
  url: string;
  /** Default `git`. */
  type: RepositoryType;
  /** Display name (Helm repositories use it as the repo alias). */
  name?: string;
  /** Project the credentials are scoped to; unscoped when absent. */
  project?: string;
  /** Skip TLS verification (HTTPS) or host key checking (SSH). */
  insecure: boolean;
  enableLfs: boolean;
  enableOCI: boolean;
  forceHttpBasicAuth: boolean;
  proxy?: string;
  noProxy?: string;
}

const TYPES: readonly RepositoryType[] = ['git', 'helm', 'oci'];

/** Parses a Secret labelled `argocd.argoproj.io/secret-type: repository`; throws InvalidInputError listing every problem. */
export function parseRepositorySecret(secret: Secret): RepositoryCredentials {
  return parseRepoSecret(secret, 'repository');
}

/** Parses a Secret labelled `argocd.argoproj.io/secret-type: repo-creds` (a credential template for a URL prefix). */
export function parseRepoCredsSecret(secret: Secret): RepositoryCredentials {
  return parseRepoSecret(secret, 'repo-creds');
}

function parseRepoSecret(secret: Secret, expected: ArgoSecretType): RepositoryCredentials {
  const reader = new SecretReader(secret);
  if (reader.label(LABEL_SECRET_TYPE) !== expected) {
    reader.problem(['metadata', 'labels', LABEL_SECRET_TYPE], `must be "${expected}"`);
  }
  const url = reader.required('url');
  const rawType = reader.optional('type') ?? 'git';
  const type = TYPES.find((t) => t === rawType);
  if (type === undefined) reader.problem(reader.pathOf('type'), 'must be one of git, helm, oci');
  const result: RepositoryCredentials = {
    secret: reader.ref,
    url,
    type: type ?? 'git',
    name: reader.optional('name'),
    project: reader.optional('project'),
    username: reader.optional('username'),
    password: reader.optional('password'),
    bearerToken: reader.optional('bearerToken'),
    sshPrivateKey: reader.optional('sshPrivateKey'),
    tlsClientCertData: reader.optional('tlsClientCertData'),
    tlsClientCertKey: reader.optional('tlsClientCertKey'),
    githubAppPrivateKey: reader.optional('githubAppPrivateKey'),
    githubAppID: integerString(reader, 'githubAppID'),
    githubAppInstallationID: integerString(reader, 'githubAppInstallationID'),
    githubAppEnterpriseBaseUrl: reader.optional('githubAppEnterpriseBaseUrl'),
    gcpServiceAccountKey: reader.optional('gcpServiceAccountKey'),
    useAzureWorkloadIdentity: reader.bool('useAzureWorkloadIdentity', false) || undefined,
    insecure: reader.bool('insecure', false),
    enableLfs: reader.bool('enableLfs', false),
    enableOCI: reader.bool('enableOCI', false),
    forceHttpBasicAuth: reader.bool('forceHttpBasicAuth', false),
    proxy: reader.optional('proxy'),
    noProxy: reader.optional('noProxy'),
  };
  if (result.tlsClientCertData !== undefined && result.tlsClientCertKey === undefined) {
    reader.problem(['data', 'tlsClientCertKey'], 'required when tlsClientCertData is set');
  }
  if (result.tlsClientCertKey !== undefined && result.tlsClientCertData === undefined) {
    reader.problem(['data', 'tlsClientCertData'], 'required when tlsClientCertKey is set');
  }
  if (result.githubAppPrivateKey !== undefined && result.githubAppID === undefined) {
    reader.problem(['data', 'githubAppID'], 'required when githubAppPrivateKey is set');
  }
  reader.finish();
  return dropUndefined(result);
}

function integerString(reader: SecretReader, key: string): string | undefined {
  const value = reader.optional(key);
  if (value !== undefined && !/^\d+$/.test(value)) reader.problem(reader.pathOf(key), 'must be an integer');
  return value;
}

/** True when the repository carries any credential (username, password, key, token, client certificate, app key). */
export function hasCredentials(repo: RepositoryAuth): boolean {
  return (
    repo.username !== undefined ||
    repo.password !== undefined ||
    repo.bearerToken !== undefined ||
    repo.sshPrivateKey !== undefined ||
    repo.tlsClientCertData !== undefined ||
    repo.githubAppPrivateKey !== undefined ||
    repo.gcpServiceAccountKey !== undefined ||
    repo.useAzureWorkloadIdentity === true
  );
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
