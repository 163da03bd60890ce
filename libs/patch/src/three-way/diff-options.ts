// The switches of upstream's strategicpatch DiffOptions that the three-way patch uses.

/** Which halves of a two-way diff to keep (upstream DiffOptions). */
export interface DiffOptions {
  /** Drop deletions: the current → modified half of a three-way patch. */
  readonly ignoreDeletions: boolean;
  /** Drop changes and additions: the original → modified half. */
  readonly ignoreChangesAndAdditions: boolean;
  /** Emit `$retainKeys` in this map (its field is tagged retainKeys). */
  readonly buildRetainKeysDirective: boolean;
}
