"use client";
// The message actions in the browser (issue 13, part A): each change shows at once (optimistic),
// the server action stores it and tells the other members (lib/client/realtime/message-actions.ts);
// a refusal puts the message back as it was and says why (callAction's toast).
import {
  deleteMessageAction,
  editHistoryAction,
  editMessageAction,
  forwardMessageAction,
  reactToMessageAction,
} from "@/app/(chat)/actions";
import { callAction } from "@/lib/client/call-action";
import { notify } from "@/lib/client/notify";
import { previewOf, type UiMessage } from "@/lib/client/store";
import type { MessageStore } from "@/lib/client/store/message-slices";

const heldCopy = (store: MessageStore, message: UiMessage): UiMessage =>
  store.getState().messages[message.conversationId]?.items.find((m) => m.id === message.id) ?? message;

/** Puts a held message back as it was before an optimistic change that the server refused. */
const restore = (store: MessageStore, original: UiMessage) => store.getState().mergeIncoming(original.conversationId, [original]);

export async function editMessage(store: MessageStore, message: UiMessage, body: string): Promise<boolean> {
  const original = heldCopy(store, message);
  if (body === original.body) return true;
  store.getState().applyMessageUpdate(message.conversationId, message.id, { body, editedAt: new Date().toISOString() });
  const result = await callAction(() => editMessageAction(message.id, body));
  if (!result) restore(store, original);
  else if (result.editedAt)
    store.getState().applyMessageUpdate(message.conversationId, message.id, { body: result.body, editedAt: result.editedAt });
  return result !== null;
}

export async function deleteMessage(store: MessageStore, message: UiMessage, scope: "me" | "everyone"): Promise<boolean> {
  const original = heldCopy(store, message);
  if (scope === "me") store.getState().dropMessage(message.conversationId, message.id);
  else store.getState().applyMessageUpdate(message.conversationId, message.id, { deleted: true });
  const result = await callAction(() => deleteMessageAction(message.id, scope));
  if (!result) restore(store, original);
  return result !== null;
}

/** Adds my `emoji` reaction, or removes it when I had it. */
export async function toggleReaction(store: MessageStore, message: UiMessage, emoji: string): Promise<void> {
  const { me } = store.getState();
  const held = heldCopy(store, message);
  const on = !(held.reactions ?? []).some((r) => r.emoji === emoji && r.userIds.includes(me.id));
  store.getState().applyReaction(message.conversationId, message.id, me.id, emoji, on);
  const result = await callAction(() => reactToMessageAction(message.id, emoji, on));
  if (!result) store.getState().applyReaction(message.conversationId, message.id, me.id, emoji, !on);
  else if (result.emoji !== emoji) {
    // Stored in its emoji form ("❤" → "❤️"): show it as stored.
    store.getState().applyReaction(message.conversationId, message.id, me.id, emoji, false);
    store.getState().applyReaction(message.conversationId, message.id, me.id, result.emoji, on);
  }
}

export async function forwardMessage(store: MessageStore, message: UiMessage, conversationIds: string[]): Promise<boolean> {
  const result = await callAction(() => forwardMessageAction(message.id, conversationIds));
  if (!result) return false;
  for (const copy of result.messages) {
    store.getState().mergeIncoming(copy.conversationId, [copy]);
    store.getState().applyConversationUpdate({ id: copy.conversationId, lastMessage: previewOf(copy), lastMessageAt: copy.createdAt });
  }
  notify.success(result.messages.length === 1 ? "Message forwarded." : `Message forwarded to ${result.messages.length} chats.`);
  return true;
}

export const loadEditHistory = (messageId: string) => callAction(() => editHistoryAction(messageId));
