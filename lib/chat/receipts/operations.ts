// Seen receipts: "I have seen this conversation up to here". The Seen relation of seed 001 is the
// source of truth; the unread count is derived from it (receipts/reads.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUniqueViolation, isValidId, requireMembership, safeUserSelect } from "@/lib/chat/kernel/access";
import type { CursorPosition } from "@/lib/chat/kernel/cursor";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { upTo } from "@/lib/chat/kernel/keyset";
import { CONVERSATION_EVENTS } from "@/lib/chat/conversations/events";
import { conversationChannel, userChannel } from "@/lib/realtime/channels";
import { RECEIPT_EVENTS } from "./events";
import { unreadWhere } from "./reads";
import { readsHiddenIn } from "./privacy";
import { DELIVERED_ROWS_MAX } from "./limits";
import { markDeliveredSchema, markSeenSchema, type MarkDeliveredInput, type MarkSeenInput } from "./schemas";

const SEEN_BATCH = 500;

/**
 * Connects the Seen relation for every message of the conversation up to `limit` (inclusive)
 * that the actor did not send and has not seen yet. Returns how many messages changed.
 */
export async function markAllSeen(actorId: string, conversationId: string, limit: CursorPosition | Date): Promise<number> {
  const bound: Prisma.MessageWhereInput = limit instanceof Date ? { createdAt: { lte: limit } } : upTo(limit);
  let total = 0;
  for (;;) {
    const batch = await db.message.findMany({
      where: { AND: [{ conversationId }, unreadWhere(actorId), bound] },
      select: { id: true },
      take: SEEN_BATCH,
    });
    if (batch.length === 0) return total;
    await db.user.update({
      where: { id: actorId },
      data: { seenMessages: { connect: batch.map((m) => ({ id: m.id })) } },
      select: { id: true },
    });
    await dateReads(
      actorId,
      batch.map((m) => m.id),
    );
    total += batch.length;
    if (batch.length < SEEN_BATCH) return total;
  }
}

/**
 * Dates the reads just written to Seen for the message info panel: a receipt per message (read
 * implies delivered, so a message never reported delivered gets both times now), or readAt on the
 * receipt its delivery left.
 */
async function dateReads(actorId: string, messageIds: string[]): Promise<void> {
  const now = new Date();
  await insertReceipts(actorId, messageIds, now, now);
  await db.messageReceipt.updateMany({ where: { userId: actorId, messageId: { in: messageIds }, readAt: null }, data: { readAt: now } });
}

/**
 * Writes the actor's receipts of those messages that have none yet. (No `skipDuplicates`: MongoDB
 * has none.) Another tab reporting the same messages at the same moment makes the insert hit the
 * unique (messageId, userId): the rows it wrote are read again and the rest inserted.
 */
async function insertReceipts(userId: string, messageIds: string[], deliveredAt: Date, readAt: Date | null): Promise<string[]> {
  for (let attempt = 0; ; attempt += 1) {
    const existing = await db.messageReceipt.findMany({ where: { userId, messageId: { in: messageIds } }, select: { messageId: true } });
    const have = new Set(existing.map((row) => row.messageId));
    const missing = messageIds.filter((id) => !have.has(id));
    if (missing.length === 0) return [];
    try {
      await db.messageReceipt.createMany({ data: missing.map((messageId) => ({ messageId, userId, deliveredAt, readAt })) });
      return missing;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

/**
 * I have seen the conversation up to and including `messageId`: every earlier message from the
 * others gets me in its Seen relation, and my unread count drops accordingly.
 */
export const markSeen = command(async (actorId: string, conversationId: string, input: MarkSeenInput | Record<string, unknown>) => {
  const { messageId } = parseInput(markSeenSchema, input);
  await requireMembership(actorId, conversationId);
  if (!isValidId(messageId)) throw new AppError("not_found", "Message not found.");
  const target = await db.message.findFirst({
    where: { id: messageId, conversationId },
    select: { id: true, createdAt: true },
  });
  if (!target) throw new AppError("not_found", "Message not found.");

  const seenCount = await markAllSeen(actorId, conversationId, { at: target.createdAt, id: target.id });
  const unreadCount = await db.message.count({ where: { AND: [{ conversationId }, unreadWhere(actorId)] } });
  const result = { seenCount, unreadCount };
  if (seenCount === 0) return outcome(result);
  const mine = {
    channels: userChannel(actorId),
    event: CONVERSATION_EVENTS.conversationUpdate,
    payload: { id: conversationId, unreadCount },
  };
  const upTo = { id: target.id, createdAt: target.createdAt.toISOString() };
  // Read receipts off in this 1:1 (./privacy.ts): my read stays mine. A read implies delivery
  // (dateReads wrote it), which the sender still sees: a message read with the chat open is never
  // reported delivered on its own.
  if (await readsHiddenIn(conversationId))
    return outcome(result, [
      {
        channels: conversationChannel(conversationId),
        event: RECEIPT_EVENTS.messageDelivered,
        payload: { conversationId, userId: actorId, upTo },
      },
      mine,
    ]);
  const user = await db.user.findUnique({ where: { id: actorId }, select: safeUserSelect });
  return outcome(result, [
    {
      channels: conversationChannel(conversationId),
      event: RECEIPT_EVENTS.messageSeen,
      payload: {
        conversationId,
        user: user ?? { id: actorId, name: null, image: null },
        upTo,
      },
    },
    mine,
  ]);
});

/**
 * Delivery reports, batched by the client: for each named conversation, every message of the
 * others up to and including `upTo` has reached a client of mine. Conversations I am not a member
 * of, unknown messages and messages I cannot see (before my historyFrom) are ignored, never an
 * error that would tell them apart. A fixed number of statements however many conversations:
 * memberships, the `upTo` messages, the messages still undelivered (oldest first, at most
 * DELIVERED_ROWS_MAX), the insert. One `message:delivered` event per conversation that changed.
 */
export const markDelivered = command(async (actorId: string, input: MarkDeliveredInput | Record<string, unknown>) => {
  const { items } = parseInput(markDeliveredSchema, input);
  const upToByConversation = new Map<string, string>();
  for (const item of items) {
    if (isValidId(item.conversationId) && isValidId(item.upTo)) upToByConversation.set(item.conversationId, item.upTo);
  }
  if (upToByConversation.size === 0 || !isValidId(actorId)) return outcome({ delivered: 0 });

  const [memberships, targets] = await Promise.all([
    db.conversation.findMany({
      where: { id: { in: [...upToByConversation.keys()] }, users: { some: { id: actorId } } },
      select: { id: true, memberStates: { where: { userId: actorId }, select: { historyFrom: true } } },
    }),
    db.message.findMany({
      where: { id: { in: [...upToByConversation.values()] } },
      select: { id: true, conversationId: true, createdAt: true },
    }),
  ]);
  const historyFrom = new Map(memberships.map((c) => [c.id, c.memberStates[0]?.historyFrom ?? null]));
  const branches: Prisma.MessageWhereInput[] = [];
  for (const target of targets) {
    // The message must be the one named for its conversation, and the conversation one of mine.
    if (upToByConversation.get(target.conversationId) !== target.id || !historyFrom.has(target.conversationId)) continue;
    const from = historyFrom.get(target.conversationId);
    branches.push({
      AND: [
        { conversationId: target.conversationId },
        upTo({ at: target.createdAt, id: target.id }),
        ...(from ? [{ createdAt: { gt: from } }] : []),
      ],
    });
  }
  if (branches.length === 0) return outcome({ delivered: 0 });

  const undelivered = await db.message.findMany({
    where: { AND: [{ OR: branches }, unreadWhere(actorId), { receipts: { none: { userId: actorId } } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: DELIVERED_ROWS_MAX,
    select: { id: true, conversationId: true, createdAt: true },
  });
  if (undelivered.length === 0) return outcome({ delivered: 0 });
  const written = new Set(
    await insertReceipts(
      actorId,
      undelivered.map((m) => m.id),
      new Date(),
      null,
    ),
  );

  // Per conversation, the newest message now delivered (oldest first, so the last one written).
  const newest = new Map<string, { id: string; createdAt: Date }>();
  for (const message of undelivered) if (written.has(message.id)) newest.set(message.conversationId, message);
  const events = [...newest].map(([conversationId, message]) => ({
    channels: conversationChannel(conversationId),
    event: RECEIPT_EVENTS.messageDelivered,
    payload: { conversationId, userId: actorId, upTo: { id: message.id, createdAt: message.createdAt.toISOString() } },
  }));
  return outcome({ delivered: written.size }, events);
});
