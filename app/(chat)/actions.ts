"use server";
// Server actions of the chat UI: the same domain functions as the route handlers. The UI uses
// them for the mutations that fit React actions (start a 1:1, create a group, leave or delete a
// chat, mark seen, mark as unread); history pages, the idempotent send, people search, uploads and
// channel auth are route handlers only (HTTP semantics: retries with the same id, aborting a
// superseded search, upload progress, pusher-js). Every action is used by the UI.
// Every action answers a result object (lib/http/action.ts).
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { createGroup, startDirectConversation, type CreatedGroup } from "@/lib/chat/conversations/operations";
import type { CreateGroupInput } from "@/lib/chat/conversations/schemas";
import { removeConversationForMe, type RemoveResult } from "@/lib/chat/members/operations";
import { markSeen } from "@/lib/chat/receipts/operations";
import { setUnreadMark } from "@/lib/chat/unread-mark/operations";
import { answerMessageRequest } from "@/lib/chat/message-requests/operations";
import type { ListState } from "@/lib/chat/chat-list/dto";
import { setArchived, setMuted, setPinned } from "@/lib/chat/chat-list/operations";
import { runAction, type ActionResult } from "@/lib/http/action";
import type { MessageDto } from "@/lib/chat/messages/dto";
import { deleteMessage, editMessage, forwardMessage, reactToMessage, type DeleteResult } from "@/lib/chat/message-actions/operations";
import { editHistory, type EditHistory } from "@/lib/chat/message-actions/reads";
import { assertMessageActionAllowed } from "@/lib/rate-limit/send-limit";
import type { Pin } from "@/lib/chat/pins/dto";
import { pinMessage } from "@/lib/chat/pins/operations";
import { starMessage } from "@/lib/chat/stars/operations";
import { setAssistantInChat } from "@/lib/chat/assistant/in-chat";
import { setBlocked, type BlockState } from "@/lib/chat/blocks/operations";
import type { ChosenStatus, MyStatus } from "@/lib/chat/status/dto";
import { setAway, setStatus } from "@/lib/chat/status/operations";

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

export async function createGroupAction(input: CreateGroupInput): Promise<ActionResult<CreatedGroup>> {
  return runAction((actorId) => createGroup(actorId, input));
}

export async function removeConversationAction(conversationId: string): Promise<ActionResult<RemoveResult>> {
  return runAction((actorId) => removeConversationForMe(actorId, conversationId));
}

/** Mark a conversation unread (dot in the list) or read again (when I open it). */
export async function setUnreadMarkAction(conversationId: string, unread: boolean): Promise<ActionResult<{ markedUnread: boolean }>> {
  return runAction((actorId) => setUnreadMark(actorId, conversationId, { unread }));
}

// ---- My chat list (issue 15): pin, mute, archive. Mine only; each counts against the message-action budget. ----

/** Pin (true) or unpin (false) a chat at the top of my list; at most 5. */
export async function pinConversationAction(conversationId: string, pinned: boolean): Promise<ActionResult<ListState>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return setPinned(actorId, conversationId, { pinned });
  });
}

/** Accept a message request (it notifies from now on) or decline it (hidden and silent for me). */
export async function answerMessageRequestAction(
  conversationId: string,
  answer: "accept" | "decline",
): Promise<ActionResult<{ answer: "accept" | "decline" }>> {
  return runAction((actorId) => answerMessageRequest(actorId, conversationId, { answer }));
}

/** Mute a chat of mine for "8h", "1w" or "always", or unmute it ("off"). */
export async function muteConversationAction(conversationId: string, mute: string): Promise<ActionResult<ListState>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return setMuted(actorId, conversationId, { mute });
  });
}

/** Move a chat of mine to my Archived folder (true) or back to my list (false). */
export async function archiveConversationAction(conversationId: string, archived: boolean): Promise<ActionResult<ListState>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return setArchived(actorId, conversationId, { archived });
  });
}

// ---- Message actions (issue 13, part A): each counts against the message-action budget (like sends). ----

/** Edit the text of my own message (within the edit window). */
export async function editMessageAction(
  messageId: string,
  body: string,
): Promise<ActionResult<{ id: string; body: string; editedAt: string | null }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return editMessage(actorId, messageId, { body });
  });
}

/** Delete a message for me, or for everyone (mine within the window; any in a group I administer). */
export async function deleteMessageAction(messageId: string, scope: "me" | "everyone"): Promise<ActionResult<DeleteResult>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return deleteMessage(actorId, messageId, { scope });
  });
}

/** Add (on: true), remove (on: false) or toggle (on omitted) one emoji reaction of mine. */
export async function reactToMessageAction(
  messageId: string,
  emoji: string,
  on?: boolean,
): Promise<ActionResult<{ id: string; emoji: string; on: boolean }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return reactToMessage(actorId, messageId, on === undefined ? { emoji } : { emoji, on });
  });
}

/** Forward a message to one or more of my conversations. */
export async function forwardMessageAction(
  messageId: string,
  conversationIds: string[],
): Promise<ActionResult<{ messages: MessageDto[] }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return forwardMessage(actorId, messageId, { conversationIds });
  });
}

/** Earlier versions of my own message (its author only). */
export async function editHistoryAction(messageId: string): Promise<ActionResult<EditHistory>> {
  return runAction((actorId) => editHistory(actorId, messageId));
}

/** Star (true) or unstar (false) a message for me: my Starred view. */
export async function starMessageAction(
  messageId: string,
  starred: boolean,
): Promise<ActionResult<{ id: string; conversationId: string; starred: boolean }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return starMessage(actorId, messageId, { starred });
  });
}

/** Pin (true) or unpin (false) a message in its chat (any member of a 1:1, a group's admins); at most 3 a chat. */
export async function pinMessageAction(messageId: string, pinned: boolean): Promise<ActionResult<{ pins: Pin[] }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return pinMessage(actorId, messageId, { pinned });
  });
}

/** Turn Parley AI (`@ai`) on or off in a chat (any member of a 1:1, a group's admins; on needs the assistant on in my settings). */
export async function setAssistantInChatAction(conversationId: string, enabled: boolean): Promise<ActionResult<{ enabled: boolean }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return setAssistantInChat(actorId, conversationId, { enabled });
  });
}

/** Block (true) or unblock (false) someone, from the header of our 1:1 (issue 15); silent to them. */
export async function setBlockedAction(userId: string, blocked: boolean): Promise<ActionResult<BlockState>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return setBlocked(actorId, { userId, blocked });
  });
}

// ---- My status (issue 15): chosen from the avatar menu; "away" reported by an idle device. ----

/** Online, busy (do not disturb) or invisible. */
export async function setStatusAction(status: ChosenStatus): Promise<ActionResult<MyStatus>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return setStatus(actorId, { status });
  });
}

/** Every device idle (true) or one active again (false). */
export async function setAwayAction(away: boolean): Promise<ActionResult<MyStatus>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return setAway(actorId, { away });
  });
}
