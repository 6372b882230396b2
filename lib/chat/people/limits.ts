// Limits of people search, shown by the UI (no zod here: client components import them).
export const PEOPLE_LIMITS = {
  userSearchMax: 20,
  userQueryMax: 100,
  /** A name match needs this many characters: one letter matches (and scans) nearly everyone. */
  userQueryMin: 2,
} as const;
