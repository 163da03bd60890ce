// Object name rules (DNS-1123 subdomain/label, DNS-1035 label, path segment) with upstream wording.
import type { NameRule } from '../registry/descriptor.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** Why `name` is not a DNS-1123 subdomain, or undefined. */
export function dns1123SubdomainProblem(name: string): string | undefined {
  if (name.length > 253) return 'must be no more than 253 characters';
  return SUBDOMAIN.test(name) ? undefined : SUBDOMAIN_MSG;
}

function labelProblem(name: string, pattern: RegExp, message: string): string | undefined {
  if (name.length > 63) return 'must be no more than 63 characters';
  return pattern.test(name) ? undefined : message;
}

function pathSegmentProblem(name: string): string | undefined {
  if (name === '.' || name === '..') return `may not be '${name}'`;
  for (const bad of ['/', '%']) if (name.includes(bad)) return `may not contain '${bad}'`;
  return undefined;
}

/**
 * Every problem of `name` under `rule`, as upstream's name validators report them (a name can be
 * both too long and malformed).
 */
export function nameProblems(name: string, rule: NameRule): string[] {
  const problems: string[] = [];
  const add = (p: string | undefined): void => {
    if (p !== undefined) problems.push(p);
  };
  switch (rule) {
    case 'subdomain':
      if (name.length > 253) add('must be no more than 253 characters');
      if (!SUBDOMAIN.test(name)) add(SUBDOMAIN_MSG);
      break;
    case 'label':
      add(labelProblem(name, LABEL, LABEL_MSG));
      break;
    case 'dns1035':
      add(labelProblem(name, DNS1035, DNS1035_MSG));
      break;
    case 'path-segment':
      add(pathSegmentProblem(name));
      break;
  }
  return problems;
}
