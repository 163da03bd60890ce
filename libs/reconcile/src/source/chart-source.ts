// Which Helm chart repository sources Driftless pulls from, and the names it caches them under. The URL,
// chart name and version reach helm's command line, so they are checked here first.
import { InvalidInputError } from '@driftless/api';
import { parseRepoUrl, redactUrl } from './repo-url.js';
import type { RepoUrlPolicy } from './repo-url.js';

/** A chart repository URL that passed the policy. */
export interface ParsedChartRepoUrl {
  /** The URL as given without trailing slashes, for helm's `--repo`. */
  readonly url: string;
  /** Lower-case host name (and port, if any), for messages. */
  readonly host: string;
  /** Comparison key: scheme and host lower-cased, path kept, no trailing slash. */
  readonly key: string;
}

// A semantic version without range operators: `1.2.3`, `v1.2.3`, `1.2.3-rc.1+build.5`.
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
// Chart names as helm's index holds them; no `/` (that would name a repository alias) and no leading `-`.
const CHART_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/**
 * Parses a Helm chart repository URL: `https://` (or `http://` when the policy allows it), no
 * credentials in it. `oci://` registries and SSH URLs are refused with an InvalidInputError saying so;
 * other problems are parseRepoUrl's. The error names the URL without any password.
 */
export function parseChartRepoUrl(raw: string, policy: RepoUrlPolicy): ParsedChartRepoUrl {
  const trimmed = raw.trim();
  if (/^oci:\/\//i.test(trimmed)) throw invalid(trimmed, 'repoURL', 'OCI Helm registries are not supported yet');
  const parsed = parseRepoUrl(trimmed, policy);
  if (parsed.transport === 'ssh') throw invalid(trimmed, 'repoURL', 'Helm chart repositories are served over https, not ssh');
  const url = parsed.url.replace(/\/+$/, '');
  const at = new URL(url);
  return { url, host: parsed.host, key: `${at.protocol}//${at.host.toLowerCase()}${at.pathname.replace(/\/+$/, '')}` };
}

/** Rejects a chart name helm could read as an option or a repository alias (InvalidInputError). */
export function checkChartName(chart: string, repoURL: string): void {
  if (!CHART_NAME.test(chart)) throw invalid(repoURL, 'chart', `chart name ${JSON.stringify(chart)} is not valid (letters, digits, ".", "_", "-")`);
}

/**
 * True for a single version (Argo CD's `IsVersion`): such a revision is used as it is, with no look-up;
 * anything else (`1.2.*`, `>=1.0.0 <2.0.0`, `*`, `^1.2`) is a constraint resolved against the index.
 */
export function isExactChartVersion(revision: string): boolean {
  return EXACT_VERSION.test(revision.trim());
}

/** Rejects a version constraint helm could read as an option or that spans lines (InvalidInputError). */
export function checkVersionConstraint(constraint: string, repoURL: string): void {
  if (constraint.startsWith('-') || /[\r\n\0]/.test(constraint)) throw invalid(repoURL, 'targetRevision', `version ${JSON.stringify(constraint)} is not a version or a version constraint`);
}

function invalid(url: string, field: string, why: string): InvalidInputError {
  const shown = redactUrl(url);
  return new InvalidInputError(`Helm chart repository ${JSON.stringify(shown)}: ${why}`, { problems: [{ path: field, message: why }], context: { repoURL: shown } });
}
