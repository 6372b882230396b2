// Limits of message search (no zod here: client components import them).
export const SEARCH_LIMITS = {
  queryMin: 2,
  queryMax: 100,
  /** At most this many words are matched (ANDed); more is refused. */
  wordsMax: 8,
  pageMax: 50,
  pageDefault: 20,
  /** Characters of a snippet around its first match. */
  snippetLength: 160,
} as const;
