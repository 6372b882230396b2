// Read receipts off (issue 15, "read receipts" in Settings → Privacy), as WhatsApp: in a 1:1 where
// either person turned read receipts off, neither sees the other's reads — not in any message read
// (`seenBy` of history pages and send answers, the message info panel) and not live (no
// `message:seen` on the chat's channel). Reads are still recorded (the Seen relation is everyone's
// own unread count), and delivered ticks stay both ways. Groups always show reads (WhatsApp sends
// read receipts in groups whatever the setting). The rule reads the settings as they are now: a
// read made while hidden shows once both have read receipts on again.
import "server-only";
import { db } from "@/lib/db/client";
import type { MessageDto } from "@/lib/chat/messages/dto";

/** Whether reads are hidden in this conversation: a 1:1 one of whose members has read receipts off. */
export async function readsHiddenIn(conversationId: string): Promise<boolean> {
  const row = await db.conversation.findUnique({
    where: { id: conversationId },
    select: { isGroup: true, users: { where: { privacy: { is: { readReceipts: false } } }, select: { id: true }, take: 1 } },
  });
  return !!row && row.isGroup !== true && row.users.length > 0;
}

/**
 * A message as `readerId` may see it where reads are hidden: `seenBy` keeps only its sender (who
 * wrote it) and the reader themself (their own read, e.g. for their unread divider).
 */
export function withoutOthersReads<M extends Pick<MessageDto, "sender" | "seenBy">>(readerId: string, message: M): M {
  const seenBy = message.seenBy.filter((user) => user.id === readerId || user.id === message.sender.id);
  return seenBy.length === message.seenBy.length ? message : { ...message, seenBy };
}

/** `messages` as `readerId` may see them in `conversationId` (unchanged unless reads are hidden there). */
export async function applyReadPrivacy<M extends Pick<MessageDto, "sender" | "seenBy">>(
  readerId: string,
  conversationId: string,
  messages: M[],
): Promise<M[]> {
  if (messages.length === 0 || !(await readsHiddenIn(conversationId))) return messages;
  return messages.map((message) => withoutOthersReads(readerId, message));
}
