// Message search: the messages of my conversations whose folded body contains every query word,
// newest first, keyset-paginated over (createdAt, id).
// Visibility: only conversations I am a member of (a relation filter on Conversation.users), and in
// a chat I deleted for me only what came after ConversationMemberState.historyFrom. Prisma cannot
// compare a message column with a member-state column in a relation filter, so the (few) chats with
// a historyFrom are read first and become conditions of the page query: two statements per page.
// PostgreSQL: `contains` on Message.searchText is `LIKE '%word%'` served by the trigram GIN index.
// Prisma 6.19 passes the word to LIKE as is, so `%`, `_` and `\` would be wildcards: they are escaped
// here (tests/integration/search.test.ts). MongoDB: the same code; `contains` becomes a $regex that
// Prisma escapes itself, and which the text index does not serve (it scans the messages of my chats).
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isValidId } from "@/lib/chat/kernel/access";
import { encodeCursor } from "@/lib/chat/kernel/cursor";
import { parseInput } from "@/lib/chat/kernel/input";
import { cursorArg, olderThan } from "@/lib/chat/kernel/keyset";
import { messageSelect, toMessageDto } from "@/lib/chat/messages/read-shape";
import { assertMessageSearchAllowed } from "@/lib/rate-limit/user-budgets";
import type { MessageSearchPage } from "./dto";
import { queryWords } from "./normalize";
import { messageSearchSchema, type MessageSearchInput } from "./schemas";
import { snippet } from "./snippet";

/** `word` as a literal substring for Prisma's `contains` on this provider. */
function literal(word: string): string {
  return serverEnv().databaseProvider === "postgresql" ? word.replace(/[\\%_]/g, (c) => `\\${c}`) : word;
}

export async function searchMessages(actorId: string, input: MessageSearchInput | Record<string, unknown>): Promise<MessageSearchPage> {
  const { q, conversationId, from, before, after, has, cursor, limit } = parseInput(messageSearchSchema, input);
  const position = cursorArg(cursor);
  // An id this database cannot hold (an ObjectId on PostgreSQL) names no chat or member of mine.
  if (!isValidId(actorId) || (conversationId && !isValidId(conversationId)) || (from && !isValidId(from)))
    return { hits: [], nextCursor: null };
  await assertMessageSearchAllowed(actorId);
  const words = queryWords(q);

  const trimmed = await db.conversationMemberState.findMany({
    where: { userId: actorId, historyFrom: { not: null }, ...(conversationId ? { conversationId } : {}) },
    select: { conversationId: true, historyFrom: true },
  });

  const and: Prisma.MessageWhereInput[] = [
    { conversation: { users: { some: { id: actorId } } } },
    ...words.map((word): Prisma.MessageWhereInput => ({ searchText: { contains: literal(word) } })),
  ];
  if (conversationId) and.push({ conversationId });
  if (trimmed.length > 0) {
    and.push({
      OR: [
        { conversationId: { notIn: trimmed.map((t) => t.conversationId) } },
        ...trimmed.map((t): Prisma.MessageWhereInput => ({ conversationId: t.conversationId, createdAt: { gt: t.historyFrom! } })),
      ],
    });
  }
  if (from) and.push({ senderId: from });
  if (before) and.push({ createdAt: { lt: before } });
  if (after) and.push({ createdAt: { gt: after } });
  if (has === "image") and.push({ image: { not: null } });
  if (has === "link") and.push({ OR: [{ searchText: { contains: "https://" } }, { searchText: { contains: "http://" } }] });
  if (position) and.push(olderThan(position));

  const rows = await db.message.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: messageSelect,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    hits: page.map((row) => ({ message: toMessageDto(row), snippet: snippet(row.body, words) })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
