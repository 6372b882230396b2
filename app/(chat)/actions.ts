"use server";
// Server actions of the chat UI: the same domain functions as the route handlers, for forms and
// client components. Next.js checks the Origin of server action requests itself (same-origin only).
// Each action returns a result object instead of throwing, so the UI can show `error.message` and
// per-field `error.fields` without an error boundary.
import { requireSessionUser } from "@/lib/auth/session";
import {
  createGroup,
  removeConversationForMe,
  startDirectConversation,
  type RemoveResult,
} from "@/lib/chat/conversations";
import type { ConversationSummary, MessageDto, SafeUser } from "@/lib/chat/dto";
import { markSeen, sendMessage } from "@/lib/chat/messages";
import { assertSendAllowed } from "@/lib/chat/send-limit";
import type { CreateGroupInput, SendMessageInput } from "@/lib/chat/schemas";
import { searchUsers } from "@/lib/chat/users";
import { toHttpError, type ErrorBody } from "@/lib/errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody["error"] };

async function run<T>(operation: (actorId: string) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const user = await requireSessionUser();
    return { ok: true, data: await operation(user.id) };
  } catch (error) {
    return { ok: false, error: toHttpError(error).body.error };
  }
}

export async function sendMessageAction(
  conversationId: string,
  input: SendMessageInput,
): Promise<ActionResult<{ message: MessageDto; created: boolean }>> {
  return run(async (actorId) => {
    await assertSendAllowed(actorId);
    return sendMessage(actorId, conversationId, input);
  });
}

export async function markSeenAction(
  conversationId: string,
  messageId: string,
): Promise<ActionResult<{ seenCount: number; unreadCount: number }>> {
  return run((actorId) => markSeen(actorId, conversationId, { messageId }));
}

export async function startDirectConversationAction(
  userId: string,
): Promise<ActionResult<{ conversation: ConversationSummary; created: boolean }>> {
  return run((actorId) => startDirectConversation(actorId, userId));
}

export async function createGroupAction(input: CreateGroupInput): Promise<ActionResult<ConversationSummary>> {
  return run((actorId) => createGroup(actorId, input));
}

export async function removeConversationAction(conversationId: string): Promise<ActionResult<RemoveResult>> {
  return run((actorId) => removeConversationForMe(actorId, conversationId));
}

export async function searchUsersAction(query: string): Promise<ActionResult<SafeUser[]>> {
  return run((actorId) => searchUsers(actorId, { query }));
}
