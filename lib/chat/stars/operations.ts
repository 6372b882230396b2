// Starring (issue 13): my own mark on a message I can see, listed in my Starred view. Stars are
// per user: nobody else learns of them; my other tabs and devices follow through my user channel.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { loadVisibleMessage } from "@/lib/chat/message-actions/operations";
import { userChannel } from "@/lib/realtime/channels";
import { STAR_EVENTS } from "./events";
import { starMessageSchema, type StarMessageInput } from "./schemas";

/**
 * Stars (`starred: true`) or unstars a message I can see (404 otherwise, like every message
 * action; a message deleted for everyone cannot be starred: 409). Idempotent: starring a starred
 * message, or unstarring one that is not, changes nothing and publishes nothing.
 */
export const starMessage = command(async (actorId: string, messageId: string, input: StarMessageInput | Record<string, unknown>) => {
  const { starred } = parseInput(starMessageSchema, input);
  const { message } = await loadVisibleMessage(actorId, messageId);
  const result = { id: messageId, conversationId: message.conversationId, starred };
  if (starred) {
    if (message.deletedAt) throw new AppError("conflict", "This message was deleted.");
    try {
      await db.starredMessage.create({ data: { userId: actorId, messageId }, select: { id: true } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return outcome(result); // already starred (another tab of mine, just now)
    }
  } else {
    const { count } = await db.starredMessage.deleteMany({ where: { userId: actorId, messageId } });
    if (count === 0) return outcome(result);
  }
  return outcome(result, [{ channels: userChannel(actorId), event: STAR_EVENTS.star, payload: result }]);
});
