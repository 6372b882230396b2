// Reads of the receipts capability: the unread condition other capabilities compose into their
// queries, and the message info panel.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isValidId, requireMembership, shownUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import { parseInput } from "@/lib/chat/kernel/input";
import type { MessageInfoDto } from "./dto";
import { messageInfoSchema } from "./schemas";
import { readsHiddenIn } from "./privacy";
import { notDeletedWhere, notHiddenForWhere } from "@/lib/chat/message-actions/visibility";

/**
 * Messages the actor has not seen and did not send (the unread count of the list). A message
 * deleted for everyone or for me is nothing to read, so it does not count (issue 13).
 */
export function unreadWhere(actorId: string): Prisma.MessageWhereInput {
  return { senderId: { not: actorId }, seen: { none: { id: actorId } }, AND: [notDeletedWhere(), notHiddenForWhere(actorId)] };
}

/**
 * The message info panel of one of my messages: for every other current member, when it was
 * delivered to them and whether (and when) they read it. Only the sender may ask: anyone else,
 * like a non-member, gets not_found. Four statements: the membership gate, the message with its
 * readers and receipts, the members, whether reads are hidden (read receipts off in a 1:1).
 */
export async function messageInfo(actorId: string, conversationId: string, input: unknown): Promise<MessageInfoDto> {
  const { messageId } = parseInput(messageInfoSchema, input);
  const { historyFrom } = await requireMembership(actorId, conversationId);
  if (!isValidId(messageId)) throw new AppError("not_found", "Message not found.");
  const [message, conversation, readsHidden] = await Promise.all([
    db.message.findFirst({
      where: { id: messageId, conversationId, senderId: actorId, ...(historyFrom ? { createdAt: { gt: historyFrom } } : {}) },
      select: {
        id: true,
        createdAt: true,
        seen: { select: { id: true } },
        receipts: { select: { userId: true, deliveredAt: true, readAt: true } },
      },
    }),
    db.conversation.findUnique({ where: { id: conversationId }, select: { users: { select: shownUserSelect, orderBy: { id: "asc" } } } }),
    readsHiddenIn(conversationId),
  ]);
  if (!message) throw new AppError("not_found", "Message not found.");
  const seen = new Set(message.seen.map((user) => user.id));
  const receipts = new Map(message.receipts.map((r) => [r.userId, r]));
  const members = (conversation?.users ?? [])
    .filter((user) => user.id !== actorId)
    .map((user) => {
      const receipt = receipts.get(user.id);
      // Read receipts off in this 1:1 (./privacy.ts): delivered shows, the read does not.
      const read = !readsHidden && seen.has(user.id);
      return {
        user: toSafeUser(user),
        deliveredAt: receipt?.deliveredAt.toISOString() ?? null,
        read,
        readAt: read ? (receipt?.readAt?.toISOString() ?? null) : null,
      };
    });
  return { messageId: message.id, createdAt: message.createdAt.toISOString(), members };
}
