// Pinning (issue 13): up to PINS_MAX messages per conversation, shown in a bar at the top of the
// chat. Any member may pin in a 1:1, only admins in a group. The limit holds under concurrent pins
// because each pin takes one of the conversation's PINS_MAX slots (unique per conversation).
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { loadVisibleMessage } from "@/lib/chat/message-actions/operations";
import type { Pin } from "./dto";
import { PINS_FULL_MESSAGE, PINS_MAX } from "./limits";
import { currentPins, pinsChanged } from "./reads";
import { pinMessageSchema, type PinMessageInput } from "./schemas";

/**
 * Pins (`pinned: true`) or unpins a message I can see. A group's plain members get 403, a 4th pin
 * 409, a message deleted for everyone 409; pinning a pinned message (or unpinning one that is not)
 * changes nothing. Every member's pin bar follows (conversation:pins).
 */
export const pinMessage = command(async (actorId: string, messageId: string, input: PinMessageInput | Record<string, unknown>) => {
  const { pinned } = parseInput(pinMessageSchema, input);
  const { message, membership } = await loadVisibleMessage(actorId, messageId);
  const conversationId = message.conversationId;
  if (membership.conversation.isGroup && membership.role !== "admin") {
    throw new AppError("forbidden", "Only the group's admins can pin or unpin messages.");
  }
  if (!pinned) {
    const { count } = await db.pinnedMessage.deleteMany({ where: { messageId } });
    if (count === 0) return outcome<{ pins: Pin[] }>({ pins: await currentPins(conversationId) });
    const { pins, event } = await pinsChanged(conversationId);
    return outcome({ pins }, [event]);
  }
  if (message.deletedAt) throw new AppError("conflict", "This message was deleted.");
  // A concurrent pin may take the free slot first: read again and retry (a few times at most).
  for (let attempt = 0; attempt < PINS_MAX + 1; attempt += 1) {
    const held = await db.pinnedMessage.findMany({ where: { conversationId }, select: { messageId: true, slot: true } });
    if (held.some((pin) => pin.messageId === messageId)) return outcome<{ pins: Pin[] }>({ pins: await currentPins(conversationId) });
    const taken = new Set(held.map((pin) => pin.slot));
    const slot = [...Array(PINS_MAX).keys()].find((s) => !taken.has(s));
    if (slot === undefined) throw new AppError("conflict", PINS_FULL_MESSAGE);
    try {
      await db.pinnedMessage.create({ data: { conversationId, messageId, pinnedById: actorId, slot }, select: { id: true } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      continue;
    }
    const { pins, event } = await pinsChanged(conversationId);
    return outcome({ pins }, [event]);
  }
  throw new AppError("conflict", "The pins of this chat changed meanwhile. Try again.");
});
