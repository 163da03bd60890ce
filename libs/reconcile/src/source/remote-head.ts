// Reads the remote's default branch from `git ls-remote --symref <url> HEAD`, so the git CLI fetch can
// record `refs/remotes/origin/HEAD` the way isomorphic-git's fetch does.

/** Where the remote's HEAD points: a branch (the usual case), a bare commit, or nowhere (empty repository). */
export type RemoteHead = { readonly branch: string } | { readonly sha: string } | undefined;

const SYMREF = /^ref: refs\/heads\/(\S+)\tHEAD$/m;
const DETACHED = /^([0-9a-f]{40})\tHEAD$/m;

/**
 * Parses the output of `git ls-remote --symref <url> HEAD`. A branch name the server sends that git
 * would refuse (`..`, control characters, leading `-` or `/`, …) counts as no HEAD, so a hostile
 * server cannot steer a ref write outside `refs/remotes/origin/`.
 */
export function parseRemoteHead(lsRemoteOutput: string): RemoteHead {
  const symref = SYMREF.exec(lsRemoteOutput);
  if (symref !== null) return isSafeBranch(symref[1]!) ? { branch: symref[1]! } : undefined;
  const detached = DETACHED.exec(lsRemoteOutput);
  return detached === null ? undefined : { sha: detached[1]! };
}

function isSafeBranch(name: string): boolean {
  return (
    !/[\s~^:?*[\\]/.test(name) &&
    ![...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) &&
    !name.includes('..') &&
    !name.includes('@{') &&
    !name.includes('//') &&
    !name.startsWith('-') &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    name !== 'HEAD' &&
    name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'))
  );
}
