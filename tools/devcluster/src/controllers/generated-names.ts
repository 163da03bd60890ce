// Concrete names for objects a controller would create with metadata.generateName: the runner creates
// exactly what it is given, so the suffix is chosen here, deterministically.
import { SAFE_ALPHABET, fnv32a } from './template-hash.js';

const SUFFIX_LENGTH = 5;
/** The API server's SimpleNameGenerator keeps generated names within a 63-character DNS label. */
const MAX_PREFIX_LENGTH = 63 - SUFFIX_LENGTH;

/** Truncates a generateName prefix the way the API server does before appending the suffix. */
export function namePrefix(generateName: string): string {
  return generateName.length > MAX_PREFIX_LENGTH ? generateName.slice(0, MAX_PREFIX_LENGTH) : generateName;
}

/**
 * `<prefix><5 chars>` whose suffix looks random (utilrand.String's alphabet) but is derived from
 * `seed` and an attempt counter; the first candidate not in `taken` wins and is added to it, so one
 * reconcile can draw several names. Example: ("web-6d4cf56db-", "uid/1700000000000/0") → "web-6d4cf56db-ksddt".
 */
export function generateName(generateNamePrefix: string, seed: string, taken: Set<string>): string {
  const prefix = namePrefix(generateNamePrefix);
  for (let attempt = 0; ; attempt += 1) {
    let hash = fnv32a(`${seed}#${attempt}`);
    let suffix = '';
    for (let i = 0; i < SUFFIX_LENGTH; i += 1) {
      suffix += SAFE_ALPHABET[hash % SAFE_ALPHABET.length];
      hash = Math.floor(hash / SAFE_ALPHABET.length);
    }
    const name = prefix + suffix;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}
