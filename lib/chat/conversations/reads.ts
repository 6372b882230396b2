// Reads of the conversations capability: my list (keyset-paginated) and one conversation.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { conversationNotFound, isValidId, requireMembership, safeUserSelect } from "@/lib/chat/kernel/access";
import { decodeCursor, encodeCursor } from "@/lib/chat/kernel/cursor";
import { parseInput } from "@/lib/chat/kernel/input";
import { previewSelect, toPreview } from "@/lib/chat/messages/read-shape";
import { unreadWhere } from "@/lib/chat/receipts/reads";
import { lastActiveOf } from "@/lib/users/activity";
import { toRole, type ConversationPage, type ConversationSummary, type Member } from "./dto";
import { conversationPageSchema, type ConversationPageInput } from "./schemas";

/**
 * A conversation row with what its summary needs from the Conversation relations: members, the
 * newest message and my unread count. With relation joins (PostgreSQL) this is one statement in
 * which the newest message and the count are correlated per row of the page, so only the page's
 * conversations are read (docs/BENCHMARKS.md).
 */
const summarySelect = (actorId: string) =>
  ({
    id: true,
    name: true,
    isGroup: true,
    createdAt: true,
    lastMessageAt: true,
    users: { select: safeUserSelect, orderBy: { id: "asc" } },
    messages: { select: previewSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 },
    _count: { select: { messages: { where: unreadWhere(actorId) } } },
  }) as const satisfies Prisma.ConversationSelect;

type SummaryRow = Prisma.ConversationGetPayload<{ select: ReturnType<typeof summarySelect> }>;

/**
 * Builds summaries for a page of conversations with a constant number of queries: the page itself
 * (members, newest message and unread count included), then the member states of the page and
 * the members' last activity (models without relations to Conversation and User).
 */
async function toSummaries(actorId: string, rows: SummaryRow[]): Promise<ConversationSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [states, activity] = await Promise.all([
    db.conversationMemberState.findMany({
      where: { conversationId: { in: ids } },
      select: { conversationId: true, userId: true, role: true, historyFrom: true },
    }),
    lastActiveOf(rows.flatMap((row) => row.users.map((user) => user.id))),
  ]);
  const stateOf = new Map(states.map((s) => [`${s.conversationId}:${s.userId}`, s]));
  return rows.map((row) => {
    const mine = stateOf.get(`${row.id}:${actorId}`);
    const last = row.messages[0];
    const visibleLast = last && (!mine?.historyFrom || last.createdAt > mine.historyFrom) ? toPreview(last) : null;
    const members: Member[] = row.users.map((user) => ({
      ...user,
      role: toRole(stateOf.get(`${row.id}:${user.id}`)?.role),
      lastActiveAt: activity.get(user.id) ?? null,
    }));
    return {
      id: row.id,
      name: row.name,
      isGroup: row.isGroup === true,
      createdAt: row.createdAt.toISOString(),
      lastMessageAt: row.lastMessageAt.toISOString(),
      members,
      myRole: toRole(mine?.role),
      lastMessage: visibleLast,
      unreadCount: row._count.messages,
    };
  });
}

/** My conversations, newest activity first (lastMessageAt desc, id desc), keyset-paginated. */
export async function listConversations(
  actorId: string,
  input: ConversationPageInput | Record<string, unknown> = {},
): Promise<ConversationPage> {
  const { cursor, limit } = parseInput(conversationPageSchema, input);
  if (!isValidId(actorId)) return { conversations: [], nextCursor: null };
  const position = cursor ? decodeCursor(cursor) : null;
  if (position && !isValidId(position.id)) throw new AppError("bad_request", "cursor is not a valid cursor");

  const and: Prisma.ConversationWhereInput[] = [{ users: { some: { id: actorId } } }];
  if (position) {
    and.push({ OR: [{ lastMessageAt: { lt: position.at } }, { lastMessageAt: position.at, id: { lt: position.id } }] });
  }
  const readPage = (exclude: string[]) =>
    db.conversation.findMany({
      where: { AND: exclude.length > 0 ? [...and, { id: { notIn: exclude } }] : and },
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: summarySelect(actorId),
    });
  // The chats I hid ("delete for me") and the page, at once; only if the page holds a hidden chat
  // (rare: a hidden 1:1 reappears with its next message) is it read again without them.
  const [hiddenRows, firstTry] = await Promise.all([
    db.conversationMemberState.findMany({ where: { userId: actorId, hidden: true }, select: { conversationId: true } }),
    readPage([]),
  ]);
  const hidden = new Set(hiddenRows.map((h) => h.conversationId));
  const rows = firstTry.some((row) => hidden.has(row.id)) ? await readPage([...hidden]) : firstTry;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    conversations: await toSummaries(actorId, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.lastMessageAt, id: last.id }) : null,
  };
}

/** One conversation of mine (404 for non-members). */
export async function getConversation(actorId: string, conversationId: string): Promise<ConversationSummary> {
  await requireMembership(actorId, conversationId);
  const row = await db.conversation.findFirst({
    where: { id: conversationId, users: { some: { id: actorId } } },
    select: summarySelect(actorId),
  });
  if (!row) throw conversationNotFound();
  const [summary] = await toSummaries(actorId, [row]);
  return summary!;
}

