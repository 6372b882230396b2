// Message search: the messages of my conversations whose folded body contains every query word,
// newest first, keyset-paginated over (createdAt, id).
//
// What a search may return is decided in one place, `visibleTo` below:
// - only conversations I am a member of (Conversation.users, read first as the list of my chats);
// - in a chat I deleted for me, only what came after ConversationMemberState.historyFrom. Prisma
//   cannot compare a message column with a member-state column in a relation filter, so the (few)
//   chats with a historyFrom are read (at the same time as my chats) and become conditions;
// - deleted messages (issue 13): neither deleted for everyone (its text is gone anyway: searchText
//   is cleared) nor deleted for me (a MessageHidden row of mine): lib/chat/message-actions/visibility.ts.
//
// A page is then three steps in a row: my chats and bounds (two small statements at once), the ids
// of the page (a narrow query: the index finds the matches, PostgreSQL keeps those of my chats and
// sorts only ids and dates), then those messages in the one read shape. Reading the full shape in the first query made PostgreSQL join the sender
// and the seen-by users of every match before the sort, so its cost followed all the matches in my
// chats instead of the page (docs/BENCHMARKS.md, "Message search").
// PostgreSQL: `contains` on Message.searchText is `LIKE '%word%'` served by the trigram GIN index;
// `%`, `_` and `\` are escaped (kernel/like.ts). MongoDB: the same code; `contains` becomes a $regex
// that Prisma escapes itself, and which the text index does not serve (it scans the messages of my chats).
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isValidId } from "@/lib/chat/kernel/access";
import { encodeCursor } from "@/lib/chat/kernel/cursor";
import { parseInput } from "@/lib/chat/kernel/input";
import { cursorArg, olderThan } from "@/lib/chat/kernel/keyset";
import { likeLiteral } from "@/lib/chat/kernel/like";
import { mentionNamesFor } from "@/lib/chat/mentions/names";
import { notDeletedWhere, notHiddenForWhere } from "@/lib/chat/message-actions/visibility";
import { messageSelect, toMessageDto } from "@/lib/chat/messages/read-shape";
import { assertMessageSearchAllowed } from "@/lib/rate-limit/user-budgets";
import type { MessageSearchPage } from "./dto";
import { queryWords } from "./normalize";
import type { SearchHas } from "./limits";
import { messageSearchSchema, type MessageSearchInput } from "./schemas";
import { snippet } from "./snippet";

/** The `has` filter. Files and voice notes (issue 14) add their conditions to "attachment" (and "voice"). */
const hasCondition: Record<SearchHas, Prisma.MessageWhereInput> = {
  attachment: { image: { not: null } },
  image: { image: { not: null } },
  link: { OR: [{ searchText: { contains: "https://" } }, { searchText: { contains: "http://" } }] },
};

/** Beyond this many chats the membership stays a relation filter instead of a list of ids in the statement. */
export const MAX_LISTED_CHATS = 1_000;

/**
 * What `actorId` may find, decided here and nowhere else: the conditions every search carries —
 * membership (the chats I am in; the chat of an in-chat search) and the "delete for me" bounds
 * (most people have none) — read from the database. Null: no chat to search in.
 *
 * Membership is read first as the list of my chats (`conversationId IN (…)`) instead of a relation
 * filter in the page's statement: the filter made PostgreSQL probe Conversation and the join table
 * for every match in the database, mine or not, so its cost followed the matches (docs/BENCHMARKS.md,
 * "Message search", round 3). Someone in more than MAX_LISTED_CHATS chats keeps the relation filter.
 */
async function visibleTo(actorId: string, conversationId: string | undefined): Promise<Prisma.MessageWhereInput[] | null> {
  const mine: Prisma.ConversationWhereInput = { users: { some: { id: actorId } }, ...(conversationId ? { id: conversationId } : {}) };
  const [chats, trimmed] = await Promise.all([
    db.conversation.findMany({ where: mine, select: { id: true }, take: MAX_LISTED_CHATS + 1 }),
    db.conversationMemberState.findMany({
      where: { userId: actorId, historyFrom: { not: null }, ...(conversationId ? { conversationId } : {}) },
      select: { conversationId: true, historyFrom: true },
    }),
  ]);
  if (chats.length === 0) return null;
  const membership: Prisma.MessageWhereInput =
    chats.length > MAX_LISTED_CHATS ? { conversation: mine } : { conversationId: { in: chats.map((c) => c.id) } };
  // Message deletion (issue 13): deleted for everyone, and deleted for me.
  const deletion = [notDeletedWhere(), notHiddenForWhere(actorId)];
  if (trimmed.length === 0) return [membership, ...deletion];
  return [
    membership,
    ...deletion,
    {
      OR: [
        { conversationId: { notIn: trimmed.map((t) => t.conversationId) } },
        ...trimmed.map((t): Prisma.MessageWhereInput => ({ conversationId: t.conversationId, createdAt: { gt: t.historyFrom! } })),
      ],
    },
  ];
}

export async function searchMessages(actorId: string, input: MessageSearchInput | Record<string, unknown>): Promise<MessageSearchPage> {
  const { q, conversationId, from, before, after, has, cursor, limit } = parseInput(messageSearchSchema, input);
  const position = cursorArg(cursor);
  // An id this database cannot hold (an ObjectId on PostgreSQL) names no chat or member of mine.
  if (!isValidId(actorId) || (conversationId && !isValidId(conversationId)) || (from && !isValidId(from)))
    return { hits: [], nextCursor: null };
  await assertMessageSearchAllowed(actorId);
  const words = queryWords(q);

  const visible = await visibleTo(actorId, conversationId);
  if (!visible) return { hits: [], nextCursor: null };
  const and: Prisma.MessageWhereInput[] = [
    ...visible,
    ...words.map((word): Prisma.MessageWhereInput => ({ searchText: { contains: likeLiteral(word) } })),
  ];
  if (from) and.push({ senderId: from });
  if (before) and.push({ createdAt: { lt: before } });
  if (after) and.push({ createdAt: { gt: after } });
  if (has) and.push(hasCondition[has]);
  if (position) and.push(olderThan(position));

  const order = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.MessageOrderByWithRelationInput[];
  const ids = await db.message.findMany({ where: { AND: and }, orderBy: order, take: limit + 1, select: { id: true, createdAt: true } });
  const page = ids.slice(0, limit);
  const rows = page.length
    ? await db.message.findMany({ where: { id: { in: page.map((m) => m.id) } }, orderBy: order, select: messageSelect })
    : [];
  const last = page.at(-1);
  // Mentions are stored as <@userId> tokens: a snippet shows them as the member's name.
  const asText = await mentionNamesFor(rows.map((row) => row.body));
  return {
    hits: rows.map((row) => ({ message: toMessageDto(row), snippet: snippet(asText(row.body), words) })),
    nextCursor: ids.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
