// Message search: the messages of my conversations whose folded body contains every query word,
// newest first, keyset-paginated over (createdAt, id).
//
// What a search may return is decided in one place, `visibleTo` below:
// - only conversations I am a member of (a relation filter on Conversation.users);
// - in a chat I deleted for me, only what came after ConversationMemberState.historyFrom. Prisma
//   cannot compare a message column with a member-state column in a relation filter, so the (few)
//   chats with a historyFrom are read (at the same time as the page, which is read again with them
//   as conditions when there are any);
// - deleted messages (issue 13): neither deleted for everyone (its text is gone anyway: searchText
//   is cleared) nor deleted for me (a MessageHidden row of mine): lib/chat/message-actions/visibility.ts.
//
// A page is then two statements in a row: the ids of the page (a narrow query: the index finds the
// matches, PostgreSQL keeps those of my chats and sorts only ids and dates), then those messages in
// the one read shape. Reading the full shape in the first query made PostgreSQL join the sender
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
import { notDeletedWhere, notHiddenForWhere } from "@/lib/chat/message-actions/visibility";
import { mentionNamesFor } from "@/lib/chat/mentions/names";
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

/**
 * What `actorId` may find, decided here and nowhere else: `always`, the conditions every search
 * carries (membership; the chat of an in-chat search), and `history()`, the "delete for me" bounds
 * read from the database (most people have none, so the caller may read the page at the same time).
 */
function visibleTo(actorId: string, conversationId: string | undefined) {
  const always: Prisma.MessageWhereInput[] = [{ conversation: { users: { some: { id: actorId } } } }];
  if (conversationId) always.push({ conversationId });
  // Message deletion (issue 13): deleted for everyone, and deleted for me.
  always.push(notDeletedWhere(), notHiddenForWhere(actorId));
  const history = async (): Promise<Prisma.MessageWhereInput[]> => {
    const trimmed = await db.conversationMemberState.findMany({
      where: { userId: actorId, historyFrom: { not: null }, ...(conversationId ? { conversationId } : {}) },
      select: { conversationId: true, historyFrom: true },
    });
    if (trimmed.length === 0) return [];
    return [
      {
        OR: [
          { conversationId: { notIn: trimmed.map((t) => t.conversationId) } },
          ...trimmed.map((t): Prisma.MessageWhereInput => ({ conversationId: t.conversationId, createdAt: { gt: t.historyFrom! } })),
        ],
      },
    ];
  };
  return { always, history };
}

export async function searchMessages(actorId: string, input: MessageSearchInput | Record<string, unknown>): Promise<MessageSearchPage> {
  const { q, conversationId, from, before, after, has, cursor, limit } = parseInput(messageSearchSchema, input);
  const position = cursorArg(cursor);
  // An id this database cannot hold (an ObjectId on PostgreSQL) names no chat or member of mine.
  if (!isValidId(actorId) || (conversationId && !isValidId(conversationId)) || (from && !isValidId(from)))
    return { hits: [], nextCursor: null };
  await assertMessageSearchAllowed(actorId);
  const words = queryWords(q);

  const { always, history } = visibleTo(actorId, conversationId);
  const and: Prisma.MessageWhereInput[] = [
    ...always,
    ...words.map((word): Prisma.MessageWhereInput => ({ searchText: { contains: likeLiteral(word) } })),
  ];
  if (from) and.push({ senderId: from });
  if (before) and.push({ createdAt: { lt: before } });
  if (after) and.push({ createdAt: { gt: after } });
  if (has) and.push(hasCondition[has]);
  if (position) and.push(olderThan(position));

  const order = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.MessageOrderByWithRelationInput[];
  const pageIds = (bounds: Prisma.MessageWhereInput[]) =>
    db.message.findMany({ where: { AND: [...and, ...bounds] }, orderBy: order, take: limit + 1, select: { id: true, createdAt: true } });
  // The page is read together with my "delete for me" bounds, and read again only if I have some:
  // an unbounded page is never used then.
  const [bounds, unbounded] = await Promise.all([history(), pageIds([])]);
  const ids = bounds.length > 0 ? await pageIds(bounds) : unbounded;
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
