// Message search: the messages of my conversations whose folded body contains every query word,
// newest first, keyset-paginated over (createdAt, id).
//
// What a search may return is decided in one place, `visibleTo` below:
// - only conversations I am a member of (a relation filter on Conversation.users);
// - in a chat I deleted for me, only what came after ConversationMemberState.historyFrom. Prisma
//   cannot compare a message column with a member-state column in a relation filter, so the page
//   carries my cut-off in each hit's chat, and only when a hit is at or before it are my (few)
//   cut-offs read and the page read again with them as conditions;
// - deleted messages (issue 13): neither deleted for everyone (its text is gone anyway: searchText
//   is cleared) nor deleted for me (a MessageHidden row of mine): lib/chat/message-actions/visibility.ts.
//
// A page is two statements in a row: the ids of the page (a narrow query: the index finds the
// matches, PostgreSQL keeps those of my chats and sorts only ids and dates), then those messages in
// the one read shape with my cut-offs. Reading the full shape in the first query made PostgreSQL join
// the sender and the seen-by users of every match before the sort, so its cost followed all the
// matches in my chats instead of the page; reading my chats first as an `IN (…)` list cost a
// statement and a query compile growing with the list (docs/BENCHMARKS.md, "Message search").
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

/** My member state in a message's chat: its "delete for me" cut-off, if any (most people have none). */
const cutOffSelect = (actorId: string) =>
  ({
    conversation: { select: { memberStates: { where: { userId: actorId, historyFrom: { not: null } }, select: { historyFrom: true } } } },
  }) satisfies Prisma.MessageSelect;

/**
 * What `actorId` may find, decided here and nowhere else: membership (a relation filter: the chats
 * I am in; the chat of an in-chat search) and deletion (neither deleted for everyone nor for me).
 * The "delete for me" cut-offs (ConversationMemberState.historyFrom: I see only what came after)
 * cannot be a relation filter — Prisma cannot compare a message column with a member-state column —
 * so they are conditions built from my cut-offs, read only when the page shows they matter
 * (`searchMessages`); `cutOffs` are those conditions, or none. The Starred view
 * (lib/chat/stars/reads.ts) lists only what this allows too.
 */
export function visibleTo(actorId: string, conversationId: string | undefined, cutOffs: CutOff[] = []): Prisma.MessageWhereInput[] {
  const membership: Prisma.MessageWhereInput = {
    ...(conversationId ? { conversationId } : {}),
    conversation: { users: { some: { id: actorId } } },
  };
  // Message deletion (issue 13): deleted for everyone, and deleted for me.
  const conditions = [membership, notDeletedWhere(), notHiddenForWhere(actorId)];
  if (cutOffs.length === 0) return conditions;
  return [
    ...conditions,
    {
      OR: [
        { conversationId: { notIn: cutOffs.map((t) => t.conversationId) } },
        ...cutOffs.map((t): Prisma.MessageWhereInput => ({ conversationId: t.conversationId, createdAt: { gt: t.historyFrom } })),
      ],
    },
  ];
}

export interface CutOff {
  conversationId: string;
  historyFrom: Date;
}

/** My "delete for me" cut-offs (in one chat, for an in-chat search). */
export async function cutOffsOf(actorId: string, conversationId: string | undefined): Promise<CutOff[]> {
  const rows = await db.conversationMemberState.findMany({
    where: { userId: actorId, historyFrom: { not: null }, ...(conversationId ? { conversationId } : {}) },
    select: { conversationId: true, historyFrom: true },
  });
  return rows.flatMap((row) => (row.historyFrom ? [{ conversationId: row.conversationId, historyFrom: row.historyFrom }] : []));
}

export async function searchMessages(actorId: string, input: MessageSearchInput | Record<string, unknown>): Promise<MessageSearchPage> {
  const { q, conversationId, from, before, after, has, cursor, limit } = parseInput(messageSearchSchema, input);
  const position = cursorArg(cursor);
  // An id this database cannot hold (an ObjectId on PostgreSQL) names no chat or member of mine.
  if (!isValidId(actorId) || (conversationId && !isValidId(conversationId)) || (from && !isValidId(from)))
    return { hits: [], nextCursor: null };
  await assertMessageSearchAllowed(actorId);
  const words = queryWords(q);

  const filters: Prisma.MessageWhereInput[] = words.map((word) => ({ searchText: { contains: likeLiteral(word) } }));
  if (from) filters.push({ senderId: from });
  if (before) filters.push({ createdAt: { lt: before } });
  if (after) filters.push({ createdAt: { gt: after } });
  if (has) filters.push(hasCondition[has]);
  if (position) filters.push(olderThan(position));

  const order = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.MessageOrderByWithRelationInput[];
  const select = { ...messageSelect, ...cutOffSelect(actorId) } satisfies Prisma.MessageSelect;
  // The ids of the page and one more (is there a next page?), then those messages in the read shape
  // with my cut-off in their chat.
  const read = async (cutOffs: CutOff[]) => {
    const where = { AND: [...visibleTo(actorId, conversationId, cutOffs), ...filters] };
    const ids = await db.message.findMany({ where, orderBy: order, take: limit + 1, select: { id: true } });
    return ids.length ? db.message.findMany({ where: { id: { in: ids.map((m) => m.id) } }, orderBy: order, select }) : [];
  };
  const cut = (row: Awaited<ReturnType<typeof read>>[number]) =>
    row.conversation.memberStates.some((state) => state.historyFrom !== null && row.createdAt <= state.historyFrom);
  let found = await read([]);
  // A match from before my "delete for me" in its chat: the page is read again with my cut-offs as
  // conditions. Without one, no cut-off matters: leaving matches out of a list none of whose first
  // limit + 1 is left out leaves those limit + 1 as they are.
  if (found.some(cut)) found = await read(await cutOffsOf(actorId, conversationId));
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  // Mentions are stored as <@userId> tokens: a snippet shows them as the member's name.
  const asText = await mentionNamesFor(rows.map((row) => row.body));
  return {
    hits: rows.map((row) => ({ message: toMessageDto(row), snippet: snippet(asText(row.body), words) })),
    nextCursor: found.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
