// Message search: the messages of my conversations whose folded body contains every query word,
// newest first, keyset-paginated over (createdAt, id).
//
// What a search may return:
// - only conversations I am a member of (the chat of an in-chat search);
// - in a chat I deleted for me, only what came after ConversationMemberState.historyFrom;
// - deleted messages (issue 13): neither deleted for everyone (its text is gone anyway: searchText
//   is cleared) nor deleted for me (a MessageHidden row of mine): lib/chat/message-actions/visibility.ts.
//
// A hit carries what a result row shows and what a jump needs (`hitSelect`: id, chat, body, image,
// date, sender), not the full read shape of a message: the jump reads the page around the hit through
// the history, in that shape. Reading the full shape (seen-by users, receipts, the quoted message,
// reactions: one statement of lateral joins) for the hits was most of a search's time on PGlite
// (docs/BENCHMARKS.md, "Message search", round 6). The page is read one of two ways, which
// tests/integration/search.test.ts holds to the same answers for a table of queries and filters:
// - PostgreSQL (server and embedded): one SQL statement (`pageSql`) that joins only the member
//   tables (`_ConversationToUser` for membership, my ConversationMemberState row for the cut-off),
//   takes the page and one more, and then joins each of those with its sender. Prisma's relation
//   filter also joins `Conversation` for every match (an index probe and a heap fetch each: round 5)
//   and cannot compare a message column with a member-state column at all;
// - MongoDB (no SQL): Prisma filters (`readViaPrisma`): the ids of the page and one more, then those
//   messages with my cut-off in each hit's chat; only when a hit is at or before it are my (few)
//   cut-offs read and both statements run again with them as conditions.
// Words: `contains` on Message.searchText is `LIKE '%word%'` on PostgreSQL, served by the trigram GIN
// index, with `%`, `_` and `\` escaped (kernel/like.ts); on MongoDB a $regex that Prisma escapes
// itself, and which the text index does not serve (it scans the messages of my chats).
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { db, sqlReader } from "@/lib/db/client";
import type { SqlReader } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { isValidId, shownUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import { encodeCursor, type CursorPosition } from "@/lib/chat/kernel/cursor";
import { parseInput } from "@/lib/chat/kernel/input";
import { cursorArg, olderThan } from "@/lib/chat/kernel/keyset";
import { escapeLike, likeLiteral } from "@/lib/chat/kernel/like";
import { mentionNamesFor } from "@/lib/chat/mentions/names";
import { messageSelect } from "@/lib/chat/messages/read-shape";
import { notDeletedWhere, notHiddenForWhere } from "@/lib/chat/message-actions/visibility";
import { assertMessageSearchAllowed } from "@/lib/rate-limit/user-budgets";
import type { MessageSearchPage, SearchHitMessage } from "./dto";
import { queryWords } from "./normalize";
import type { SearchHas } from "./limits";
import { messageSearchSchema, type MessageSearchInput } from "./schemas";
import { snippet } from "./snippet";

/** A parsed search: who asks, the folded words, the filters, the position and the page size. */
export interface SearchQuery {
  actorId: string;
  conversationId?: string;
  words: string[];
  from?: string;
  before?: Date;
  after?: Date;
  has?: SearchHas;
  position: CursorPosition | null;
  limit: number;
}

const order = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.MessageOrderByWithRelationInput[];

/**
 * What a hit reads of its message, taken from the one read shape (`toHitMessage` makes its DTO);
 * its sender without the read shape's assistant marker, which a hit does not show.
 */
const { id, conversationId, body, image, createdAt } = messageSelect;
export const hitSelect = {
  id,
  conversationId,
  body,
  image,
  createdAt,
  sender: { select: shownUserSelect },
} as const satisfies Prisma.MessageSelect;

export type HitRow = Prisma.MessageGetPayload<{ select: typeof hitSelect }>;

/** A hit's message as the client gets it. Deleted messages are never hits, so body and image are as stored. */
export const toHitMessage = (row: HitRow): SearchHitMessage => ({
  id: row.id,
  conversationId: row.conversationId,
  body: row.body,
  image: row.image,
  createdAt: row.createdAt.toISOString(),
  sender: toSafeUser(row.sender),
});

// ---- PostgreSQL: the page in one SQL statement ----

export type { SqlReader } from "@/lib/db/sql";

/** The `has` filter in SQL, as `hasCondition` below (attachments by the (messageId, createdAt) index). */
const attachmentOf = (kind?: string) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "Attachment" a WHERE a."messageId" = m."id"${kind ? Prisma.sql` AND a."kind" = ${kind}` : Prisma.empty})`;
const hasSql: Record<SearchHas, Prisma.Sql> = {
  attachment: Prisma.sql`(m."image" IS NOT NULL OR ${attachmentOf()})`,
  image: Prisma.sql`(m."image" IS NOT NULL OR ${attachmentOf("image")})`,
  voice: attachmentOf("voice"),
  link: Prisma.sql`(m."searchText" LIKE '%https://%' OR m."searchText" LIKE '%http://%')`,
};

type SqlHitRow = Omit<HitRow, "sender"> & {
  senderId: string;
  senderName: string | null;
  senderImage: string | null;
  senderDeletedAt: Date | null;
  senderPhoto: string | null;
};

/**
 * The page and one more, in `hitSelect`'s shape, as one statement, every value a parameter.
 * Visibility: the chats I am in (`_ConversationToUser`, A: conversation, B: user; unique, so no
 * duplicates) with my member state in each (unique too): no cut-off, or one before the message; not
 * deleted for everyone, not deleted for me. My chats and their cut-offs are read once per search
 * (`mine`, MATERIALIZED: a few hundred rows, hashed) and the messages I deleted for me once too
 * (`NOT IN`: a hashed subplan, `messageId` is never null), rather than probed again for each of the
 * word's matches, which at 1M messages are a thousand (docs/BENCHMARKS.md, "Message search", round 9).
 * The sender is joined only to the page's rows (the outer query), not to every match. `client`: the
 * app's pool without Prisma's compile (lib/db/sql.ts); scripts/measure-search.ts and the tests pass
 * a Prisma client, which must read the same.
 */
export async function pageSql(query: SearchQuery, client: SqlReader = sqlReader()): Promise<HitRow[]> {
  const { actorId, conversationId, words, from, before, after, has, position, limit } = query;
  const conditions: Prisma.Sql[] = [
    Prisma.sql`m."deletedAt" IS NULL`,
    Prisma.sql`(mine."historyFrom" IS NULL OR m."createdAt" > mine."historyFrom")`,
    Prisma.sql`m."id" NOT IN (SELECT h."messageId" FROM "MessageHidden" h WHERE h."userId" = ${actorId}::uuid)`,
    // LIKE's escape character is the backslash, as escapeLike writes it.
    ...words.map((word) => Prisma.sql`m."searchText" LIKE ${`%${escapeLike(word)}%`}`),
  ];
  if (conversationId) conditions.push(Prisma.sql`m."conversationId" = ${conversationId}::uuid`);
  if (from) conditions.push(Prisma.sql`m."senderId" = ${from}::uuid`);
  if (before) conditions.push(Prisma.sql`m."createdAt" < ${before}`);
  if (after) conditions.push(Prisma.sql`m."createdAt" > ${after}`);
  if (has) conditions.push(hasSql[has]);
  if (position)
    conditions.push(Prisma.sql`(m."createdAt" < ${position.at} OR (m."createdAt" = ${position.at} AND m."id" < ${position.id}::uuid))`);
  const rows = await client.$queryRaw<SqlHitRow[]>(Prisma.sql`
    SELECT p."id", p."conversationId", p."body", p."image", p."createdAt",
           u."id" AS "senderId", u."name" AS "senderName", u."image" AS "senderImage", u."deletedAt" AS "senderDeletedAt",
           ps."photo" AS "senderPhoto"
    FROM (
      WITH mine AS MATERIALIZED (
        SELECT cu."A" AS "conversationId", s."historyFrom" FROM "_ConversationToUser" cu
        LEFT JOIN "ConversationMemberState" s ON s."conversationId" = cu."A" AND s."userId" = ${actorId}::uuid
        WHERE cu."B" = ${actorId}::uuid${conversationId ? Prisma.sql` AND cu."A" = ${conversationId}::uuid` : Prisma.empty}
      )
      SELECT m."id", m."conversationId", m."body", m."image", m."createdAt", m."senderId" FROM "Message" m
      JOIN mine ON mine."conversationId" = m."conversationId"
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY m."createdAt" DESC, m."id" DESC
      LIMIT ${limit + 1}
    ) p
    JOIN "User" u ON u."id" = p."senderId"
    LEFT JOIN "PrivacySetting" ps ON ps."userId" = u."id"
    ORDER BY p."createdAt" DESC, p."id" DESC`);
  return rows.map(({ senderId, senderName, senderImage, senderDeletedAt, senderPhoto, ...message }) => ({
    ...message,
    sender: {
      id: senderId,
      name: senderName,
      image: senderImage,
      deletedAt: senderDeletedAt,
      privacy: senderPhoto ? { photo: senderPhoto } : null,
    },
  }));
}

// ---- MongoDB (and the reference for the SQL): Prisma filters ----

/** The `has` filter: the message image or an attachment of the kind (issue 14). */
const hasCondition: Record<SearchHas, Prisma.MessageWhereInput> = {
  attachment: { OR: [{ image: { not: null } }, { attachments: { some: {} } }] },
  image: { OR: [{ image: { not: null } }, { attachments: { some: { kind: "image" } } }] },
  voice: { attachments: { some: { kind: "voice" } } },
  link: { OR: [{ searchText: { contains: "https://" } }, { searchText: { contains: "http://" } }] },
};

/** My member state in a message's chat: its "delete for me" cut-off, if any (most people have none). */
const cutOffSelect = (actorId: string) =>
  ({
    conversation: { select: { memberStates: { where: { userId: actorId, historyFrom: { not: null } }, select: { historyFrom: true } } } },
  }) satisfies Prisma.MessageSelect;

/**
 * What `actorId` may find, as Prisma filters: membership (a relation filter: the chats I am in; the
 * chat of an in-chat search) and deletion (neither deleted for everyone nor for me). The "delete for
 * me" cut-offs (ConversationMemberState.historyFrom: I see only what came after) cannot be a relation
 * filter — Prisma cannot compare a message column with a member-state column — so they are conditions
 * built from my cut-offs, read only when the page shows they matter (`readViaPrisma`); `cutOffs` are
 * those conditions, or none. The Starred view (lib/chat/stars/reads.ts) lists only
 * what this allows too.
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

async function readViaPrisma(query: SearchQuery): Promise<HitRow[]> {
  const { actorId, conversationId, words, from, before, after, has, position, limit } = query;
  const filters: Prisma.MessageWhereInput[] = words.map((word) => ({ searchText: { contains: likeLiteral(word) } }));
  if (from) filters.push({ senderId: from });
  if (before) filters.push({ createdAt: { lt: before } });
  if (after) filters.push({ createdAt: { gt: after } });
  if (has) filters.push(hasCondition[has]);
  if (position) filters.push(olderThan(position));

  const select = { ...hitSelect, ...cutOffSelect(actorId) } satisfies Prisma.MessageSelect;
  // The ids of the page and one more, then those messages (hitSelect) with my cut-off in their chat.
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
  return found;
}

// ---- The search ----

/** How a page is read: "sql" on PostgreSQL (server and embedded), "prisma" on MongoDB. */
export type SearchPath = "sql" | "prisma";
const readers: Record<SearchPath, (query: SearchQuery) => Promise<HitRow[]>> = { sql: (query) => pageSql(query), prisma: readViaPrisma };

export function searchMessages(actorId: string, input: MessageSearchInput | Record<string, unknown>): Promise<MessageSearchPage> {
  return searchMessagesVia(serverEnv().databaseProvider === "mongodb" ? "prisma" : "sql", actorId, input);
}

/** `searchMessages` through the given path (tests hold both paths on PostgreSQL to the same answers). */
export async function searchMessagesVia(
  path: SearchPath,
  actorId: string,
  input: MessageSearchInput | Record<string, unknown>,
): Promise<MessageSearchPage> {
  if (path === "sql" && serverEnv().databaseProvider === "mongodb") throw new Error("message search: no SQL path on MongoDB");
  const { q, conversationId, from, before, after, has, cursor, limit } = parseInput(messageSearchSchema, input);
  const position = cursorArg(cursor);
  // An id this database cannot hold (an ObjectId on PostgreSQL) names no chat or member of mine.
  if (!isValidId(actorId) || (conversationId && !isValidId(conversationId)) || (from && !isValidId(from)))
    return { hits: [], nextCursor: null };
  await assertMessageSearchAllowed(actorId);
  const words = queryWords(q);
  const found = await readers[path]({ actorId, conversationId, words, from, before, after, has, position, limit });
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  // Mentions are stored as <@userId> tokens: a snippet shows them as the member's name.
  const asText = await mentionNamesFor(rows.map((row) => row.body));
  return {
    hits: rows.map((row) => ({ message: toHitMessage(row), snippet: snippet(asText(row.body), words) })),
    nextCursor: found.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
