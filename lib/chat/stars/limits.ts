// Limits of the Starred view (issue 13), browser-safe.
export const STAR_LIMITS = {
  /** Starred messages per page of the Starred view. */
  pageDefault: 20,
  pageMax: 50,
  /** Characters of a starred message's text shown in the view. */
  snippetLength: 160,
} as const;
