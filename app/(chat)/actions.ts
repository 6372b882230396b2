"use server";
// Server actions of the chat UI: the same domain functions as the route handlers. The UI uses
// them for the mutations that fit React actions (start a 1:1, create a group, leave or delete a
// chat, mark seen, mark as unread); history pages, the idempotent send, people search, uploads and
// channel auth are route handlers only (HTTP semantics: retries with the same id, aborting a
// superseded search, upload progress, pusher-js). Every action is used by the UI.
// Every action answers a result object (lib/http/action.ts).
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import type { CreateGroupInput } from "@/lib/chat/conversations/schemas";
import { removeConversationForMe, type RemoveResult } from "@/lib/chat/members/operations";
import { markSeen } from "@/lib/chat/receipts/operations";
import { setUnreadMark } from "@/lib/chat/unread-mark/operations";
import { runAction, type ActionResult } from "@/lib/http/action";

export async function markSeenAction(
  conversationId: string,
  messageId: string,
): Promise<ActionResult<{ seenCount: number; unreadCount: number }>> {
  return runAction((actorId) => markSeen(actorId, conversationId, { messageId }));
}

export async function startDirectConversationAction(
  userId: string,
): Promise<ActionResult<{ conversation: ConversationSummary; created: boolean }>> {
  return runAction((actorId) => startDirectConversation(actorId, userId));
}

export async function createGroupAction(input: CreateGroupInput): Promise<ActionResult<ConversationSummary>> {
  return runAction((actorId) => createGroup(actorId, input));
}

export async function removeConversationAction(conversationId: string): Promise<ActionResult<RemoveResult>> {
  return runAction((actorId) => removeConversationForMe(actorId, conversationId));
}

/** Mark a conversation unread (dot in the list) or read again (when I open it). */
export async function setUnreadMarkAction(conversationId: string, unread: boolean): Promise<ActionResult<{ markedUnread: boolean }>> {
  return runAction((actorId) => setUnreadMark(actorId, conversationId, { unread }));
}
