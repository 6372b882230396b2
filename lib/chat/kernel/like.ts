// Text given to Prisma's `contains` / `startsWith` / `endsWith`. On PostgreSQL Prisma 6.19 builds
// `LIKE`/`ILIKE` patterns from it without escaping, so `%`, `_` and `\` in what a user typed would
// be wildcards (a search for "_" would match everything): they are escaped here. On MongoDB Prisma
// escapes the text for `$regex` itself, so it is passed as is.
import "server-only";
import { serverEnv } from "@/lib/config/env";

/** `text` as a literal in a PostgreSQL LIKE pattern (its escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `text` as a literal for Prisma's string filters on the configured provider. */
export function likeLiteral(text: string): string {
  return serverEnv().databaseProvider === "postgresql" ? escapeLike(text) : text;
}
