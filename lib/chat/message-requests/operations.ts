// Message requests (issue 15): a 1:1 started by someone who is not in my contacts waits for me. I
// read it like any chat (in my list and under the Requests filter), but its messages do not notify
// me — no push, no chime, no notification-center entry — until I accept it, reply in it, start it
// myself, or we become contacts. Declining hides it for me and keeps it silent; the sender is not
// told (nothing changes for them). The state is mine, on ConversationMemberState.messageRequest.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireMembership } from "@/lib/chat/kernel/access";
import { command, outcome, type DomainEvent, type Outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { hideDirectFor } from "@/lib/chat/members/operations";
import { userChannel } from "@/lib/realtime/channels";
import { MESSAGE_REQUEST_EVENTS } from "./events";
import { answerMessageRequestSchema, type AnswerMessageRequestInput } from "./schemas";

export type MessageRequestState = "pending" | "declined";

/** The state a new 1:1 starts with for its receiver: a request unless the starter is their contact. */
export async function requestStateFor(receiverId: string, starterId: string): Promise<MessageRequestState | null> {
  const contact = await db.contact.count({ where: { ownerId: receiverId, contactId: starterId } });
  return contact > 0 ? null : "pending";
}

/** conversation:message-request for my tabs and devices. */
export const messageRequestEvent = (userId: string, conversationId: string, pending: boolean): DomainEvent => ({
  channels: userChannel(userId),
  event: MESSAGE_REQUEST_EVENTS.messageRequest,
  payload: { id: conversationId, pending },
});

/** Clears my request state of a chat (I accepted it, replied in it or started it myself); its event when there was one. */
export async function acceptRequestOf(userId: string, conversationId: string): Promise<DomainEvent[]> {
  const { count } = await db.conversationMemberState.updateMany({
    where: { conversationId, userId, messageRequest: { not: null } },
    data: { messageRequest: null },
  });
  return count > 0 ? [messageRequestEvent(userId, conversationId, false)] : [];
}

/** We just became contacts: a request either of us had from the other is accepted. */
export async function acceptRequestsBetween(a: string, b: string, pairKey: string): Promise<DomainEvent[]> {
  const direct = await db.directConversation.findUnique({ where: { pairKey }, select: { conversationId: true } });
  if (!direct) return [];
  return [...(await acceptRequestOf(a, direct.conversationId)), ...(await acceptRequestOf(b, direct.conversationId))];
}

/**
 * Accepts or declines a message request of mine. Accepting a chat that is not (any more) a request
 * changes nothing; declining one is a 409. Declining hides the chat for me ("delete for me") and
 * keeps it hidden and silent when the sender writes again.
 */
export const answerMessageRequest = command(
  async (
    actorId: string,
    conversationId: string,
    input: AnswerMessageRequestInput | Record<string, unknown>,
  ): Promise<Outcome<{ answer: "accept" | "decline" }>> => {
    const { answer } = parseInput(answerMessageRequestSchema, input);
    const membership = await requireMembership(actorId, conversationId);
    if (membership.conversation.isGroup) throw new AppError("bad_request", "A group chat is not a message request.");
    if (answer === "accept") return outcome({ answer }, await acceptRequestOf(actorId, conversationId));
    const mine = await db.conversationMemberState.findUnique({
      where: { conversationId_userId: { conversationId, userId: actorId } },
      select: { messageRequest: true },
    });
    if (mine?.messageRequest !== "pending") throw new AppError("conflict", "This chat is not a message request.");
    // Hidden and declined in one statement: never a declined chat still in my list, or the reverse.
    const events = await hideDirectFor(actorId, conversationId, { messageRequest: "declined" });
    return outcome({ answer }, [messageRequestEvent(actorId, conversationId, false), ...events]);
  },
);
