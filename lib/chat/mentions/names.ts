// Mention tokens as names on the server, for text built there (search snippets): the names of every
// user the given bodies mention, read in one statement (none when no body mentions anyone).
import "server-only";
import { db } from "@/lib/db/client";
import { shownUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import { mentionsAsText } from "@/lib/chat/mentions/tokens";
import { mentionedIds } from "./tokens";

/** Maps each body to its text with "@Name" in place of mention tokens (current names). */
export async function mentionNamesFor(bodies: readonly (string | null)[]): Promise<(body: string | null) => string | null> {
  const ids = [...new Set(bodies.flatMap((body) => mentionedIds(body)))];
  if (ids.length === 0) return (body) => body;
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: shownUserSelect });
  const names = new Map(users.map((user) => [user.id, toSafeUser(user).name]));
  return (body) => (body === null ? null : mentionsAsText(body, (userId) => names.get(userId) ?? null));
}
