// HTTP Basic authentication for the git server, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

/** The one account the server accepts when authentication is configured. */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** The challenge sent with every 401, so git clients retry with credentials. */
export const BASIC_CHALLENGE = 'Basic realm="driftless"';

// Hashing first gives equal-length inputs, so the comparison time reveals neither content nor length.
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Checks an `Authorization` header against the expected credentials. Returns the authenticated user
 * name, or undefined when the header is missing, not Basic, malformed, or does not match. Both the user
 * name and the password are always compared, so timing does not tell which one was wrong.
 */
export function authenticate(header: string | undefined, expected: BasicCredentials): string | undefined {
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const userOk = timingSafeEqual(digest(username), digest(expected.username));
  const passwordOk = timingSafeEqual(digest(password), digest(expected.password));
  return userOk && passwordOk ? username : undefined;
}
