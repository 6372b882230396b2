// Seen receipts: "I have seen this conversation up to here". The Seen relation of seed 001 is the
// source of truth; the unread count is derived from it (receipts/reads.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isValidId, requireMembership, safeUserSelect } from "@/lib/chat/kernel/access";
import type { CursorPosition } from "@/lib/chat/kernel/cursor";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { upTo } from "@/lib/chat/kernel/keyset";
import { CONVERSATION_EVENTS } from "@/lib/chat/conversations/events";
import { conversationChannel, userChannel } from "@/lib/realtime/channels";
import { RECEIPT_EVENTS } from "./events";
import { unreadWhere } from "./reads";
import { markSeenSchema, type MarkSeenInput } from "./schemas";

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
    total += batch.length;
    if (batch.length < SEEN_BATCH) return total;
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
  const user = await db.user.findUnique({ where: { id: actorId }, select: safeUserSelect });
  return outcome(result, [
    {
      channels: conversationChannel(conversationId),
      event: RECEIPT_EVENTS.messageSeen,
      payload: {
        conversationId,
        user: user ?? { id: actorId, name: null, image: null },
        upTo: { id: target.id, createdAt: target.createdAt.toISOString() },
      },
    },
    { channels: userChannel(actorId), event: CONVERSATION_EVENTS.conversationUpdate, payload: { id: conversationId, unreadCount } },
  ]);
});
