// Rules of usernames and the about line (issue 15), shown by the forms: browser-safe, no zod here.
export const PROFILE_LIMITS = {
  usernameMin: 3,
  usernameMax: 30,
  aboutMax: 140,
} as const;

/** Letters, digits, "_" and "." once normalized (lower case). */
export const USERNAME_PATTERN = /^[a-z0-9_.]+$/;

/** Names nobody may take: they would pass for Parley itself or its staff. */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  "admin",
  "administrator",
  "ai",
  "api",
  "help",
  "me",
  "mod",
  "moderator",
  "parley",
  "parley_ai",
  "root",
  "security",
  "settings",
  "staff",
  "support",
  "system",
]);

/** The stored form of a username as typed: without a leading "@", trimmed, lower case (the unique key). */
export function normalizeUsername(value: string): string {
  return value.trim().replace(/^@/, "").toLowerCase();
}
