// Conversation operations: list, read, start a 1:1, create a group, leave / hide.
// Every function takes the acting user's id first and scopes every query by membership.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { userChannel } from "@/lib/realtime/channels";
import { EVENTS } from "@/lib/realtime/events";
import { publish, publishAll, type Publication } from "@/lib/realtime/publisher";
import {
  conversationNotFound,
  isUniqueViolation,
  isValidId,
  previewSelect,
  requireMembership,
  safeUserSelect,
  unreadWhere,
} from "./access";
import { decodeCursor, encodeCursor } from "./cursor";
import { toPreview, toRole, type ConversationPage, type ConversationSummary, type Member } from "./dto";
import { lastActiveOf } from "@/lib/users/activity";
import { markAllSeen } from "./messages";
import {
  LIMITS,
  conversationPageSchema,
  createGroupSchema,
  parseInput,
  type ConversationPageInput,
  type CreateGroupInput,
} from "./schemas";

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
export async function listConversations(actorId: string, input: ConversationPageInput | Record<string, unknown> = {}): Promise<ConversationPage> {
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

function newConversationEvent(summary: ConversationSummary, to: string[]): Publication {
  return {
    channels: to.map(userChannel),
    event: EVENTS.conversationNew,
    payload: {
      id: summary.id,
      name: summary.name,
      isGroup: summary.isGroup,
      lastMessageAt: summary.lastMessageAt,
      memberIds: summary.members.map((m) => m.id),
    },
  };
}

export const pairKeyOf = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

async function unhideFor(actorId: string, conversationId: string): Promise<boolean> {
  const { count } = await db.conversationMemberState.updateMany({
    where: { conversationId, userId: actorId, hidden: true },
    data: { hidden: false },
  });
  return count > 0;
}

/**
 * Starts (or returns) my 1:1 conversation with `userId`. One conversation per pair, also under
 * concurrent calls: DirectConversation.pairKey is unique and written in the creating transaction,
 * so racing creators roll back and return the winner's conversation.
 * If I had hidden it ("delete for me"), it comes back with the history I had not hidden.
 */
export async function startDirectConversation(
  actorId: string,
  userId: string,
): Promise<{ conversation: ConversationSummary; created: boolean }> {
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  if (!isValidId(userId)) throw new AppError("not_found", "User not found.");
  if (userId === actorId) throw new AppError("bad_request", "You cannot start a conversation with yourself.", { userId: ["is you"] });
  const other = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!other) throw new AppError("not_found", "User not found.");
  const pairKey = pairKeyOf(actorId, userId);

  const existing = async (): Promise<{ conversation: ConversationSummary; created: boolean } | null> => {
    const direct = await db.directConversation.findUnique({ where: { pairKey }, select: { conversationId: true } });
    if (!direct) return null;
    const reappeared = await unhideFor(actorId, direct.conversationId);
    const conversation = await getConversation(actorId, direct.conversationId);
    if (reappeared) await publishAll([newConversationEvent(conversation, [actorId])]);
    return { conversation, created: false };
  };

  const found = await existing();
  if (found) return found;

  // A 1:1 created before DirectConversation existed (e.g. seed data): adopt it.
  const legacy = await db.conversation.findFirst({
    where: {
      isGroup: { not: true },
      AND: [
        { users: { some: { id: actorId } } },
        { users: { some: { id: userId } } },
        { users: { every: { id: { in: [actorId, userId] } } } },
      ],
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });

  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const conversationId = await db.$transaction(async (tx) => {
        if (legacy) {
          await tx.directConversation.create({ data: { pairKey, conversationId: legacy.id } });
          return null;
        }
        const conversation = await tx.conversation.create({
          data: { isGroup: false, users: { connect: [{ id: actorId }, { id: userId }] } },
          select: { id: true },
        });
        await tx.conversationMemberState.createMany({
          data: [actorId, userId].map((memberId) => ({ conversationId: conversation.id, userId: memberId })),
        });
        await tx.directConversation.create({ data: { pairKey, conversationId: conversation.id } });
        return conversation.id;
      });
      if (conversationId === null) return (await existing())!;
      const conversation = await getConversation(actorId, conversationId);
      await publishAll([newConversationEvent(conversation, [actorId, userId])]);
      return { conversation, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await existing();
      if (winner) return winner;
    }
  }
  throw new AppError("conflict", "The conversation could not be created. Please try again.");
}

/** Creates a group of me + at least two other people; I become its admin. */
export async function createGroup(actorId: string, input: CreateGroupInput): Promise<ConversationSummary> {
  const { name, memberIds } = parseInput(createGroupSchema, { ...input, type: "group" });
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const others = [...new Set(memberIds)].filter((id) => id !== actorId);
  if (others.length < LIMITS.groupOtherMembersMin) {
    throw new AppError("bad_request", "A group needs at least two other members.", {
      memberIds: ["must list at least two other people"],
    });
  }
  if (others.length > LIMITS.groupMembersMax - 1) {
    throw new AppError("bad_request", `A group has at most ${LIMITS.groupMembersMax} members.`, {
      memberIds: [`may list at most ${LIMITS.groupMembersMax - 1} other people`],
    });
  }
  const unknownMembers = () =>
    new AppError("bad_request", "Some of the selected people do not exist.", { memberIds: ["contains unknown users"] });
  if (!others.every(isValidId)) throw unknownMembers();
  const existingCount = await db.user.count({ where: { id: { in: others } } });
  if (existingCount !== others.length) throw unknownMembers();

  const conversationId = await db.$transaction(async (tx) => {
    const conversation = await tx.conversation.create({
      data: { name, isGroup: true, users: { connect: [actorId, ...others].map((id) => ({ id })) } },
      select: { id: true },
    });
    await tx.conversationMemberState.createMany({
      data: [
        { conversationId: conversation.id, userId: actorId, role: "admin" },
        ...others.map((userId) => ({ conversationId: conversation.id, userId, role: "member" })),
      ],
    });
    return conversation.id;
  });
  const summary = await getConversation(actorId, conversationId);
  await publishAll([newConversationEvent(summary, [actorId, ...others])]);
  return summary;
}

export type RemoveResult = { result: "left" } | { result: "hidden" };

/**
 * Leaves a group: I am removed from its members; my messages stay for the others. If I was the
 * last admin, the longest-standing remaining member becomes admin; if I was the last member, the
 * conversation is deleted (nobody is left whose history it is).
 */
export async function leaveGroup(actorId: string, conversationId: string): Promise<RemoveResult> {
  const membership = await requireMembership(actorId, conversationId);
  if (!membership.conversation.isGroup) {
    throw new AppError("bad_request", "You cannot leave a 1:1 conversation; delete it for yourself instead.");
  }
  const remaining = await db.$transaction(async (tx) => {
    await tx.conversation.update({
      where: { id: conversationId },
      data: { users: { disconnect: { id: actorId } } },
      select: { id: true },
    });
    await tx.conversationMemberState.deleteMany({ where: { conversationId, userId: actorId } });
    const left = await tx.conversation.findUnique({
      where: { id: conversationId },
      select: { users: { select: { id: true }, orderBy: { id: "asc" } } },
    });
    const memberIds = left?.users.map((u) => u.id) ?? [];
    if (memberIds.length === 0) {
      await tx.conversationMemberState.deleteMany({ where: { conversationId } });
      await tx.conversation.delete({ where: { id: conversationId } });
      return [];
    }
    const admins = await tx.conversationMemberState.count({
      where: { conversationId, role: "admin", userId: { in: memberIds } },
    });
    if (admins === 0) {
      const successor = await tx.conversationMemberState.findFirst({
        where: { conversationId, userId: { in: memberIds } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      if (successor) await tx.conversationMemberState.update({ where: { id: successor.id }, data: { role: "admin" } });
    }
    return memberIds;
  });
  await publishAll([
    { channels: userChannel(actorId), event: EVENTS.conversationRemove, payload: { id: conversationId } },
    ...(remaining.length > 0
      ? [
          {
            channels: remaining.map(userChannel),
            event: EVENTS.conversationUpdate,
            payload: { id: conversationId, memberIds: remaining },
          } satisfies Publication<typeof EVENTS.conversationUpdate>,
        ]
      : []),
  ]);
  return { result: "left" };
}

/**
 * "Delete" of a 1:1 for me only: the chat leaves my list, everything up to now is marked seen and
 * hidden from me (historyFrom). The other member keeps the full history. A new message in the
 * chat, or starting a chat with the same person again, brings it back with only the newer messages.
 */
export async function hideConversation(actorId: string, conversationId: string): Promise<RemoveResult> {
  const membership = await requireMembership(actorId, conversationId);
  if (membership.conversation.isGroup) {
    throw new AppError("bad_request", "Leave the group instead.");
  }
  const now = new Date();
  await db.conversationMemberState.upsert({
    where: { conversationId_userId: { conversationId, userId: actorId } },
    create: { conversationId, userId: actorId, hidden: true, historyFrom: now },
    update: { hidden: true, historyFrom: now },
  });
  await markAllSeen(actorId, conversationId, now);
  await publish(userChannel(actorId), EVENTS.conversationRemove, { id: conversationId });
  return { result: "hidden" };
}

/** DELETE /api/conversations/[id]: leave a group, or hide a 1:1 for me. */
export async function removeConversationForMe(actorId: string, conversationId: string): Promise<RemoveResult> {
  const membership = await requireMembership(actorId, conversationId);
  return membership.conversation.isGroup ? leaveGroup(actorId, conversationId) : hideConversation(actorId, conversationId);
}
