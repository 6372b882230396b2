"use client";
// "Mark as unread" in the browser: the dot shows at once (optimistic), the server action stores it
// and tells my other tabs and devices (conversation:unread-mark, ./realtime/unread-mark.ts); a
// refusal puts the dot back as it was and says why.
import { markSeenAction, setUnreadMarkAction } from "@/app/(chat)/actions";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { callAction } from "@/lib/client/call-action";
import type { ChatStore } from "@/lib/client/store";

export async function setUnreadMark(store: ChatStore, conversationId: string, unread: boolean): Promise<void> {
  const held = store.getState().conversations[conversationId];
  if (!held || held.markedUnread === unread) return;
  store.getState().patchConversation(conversationId, { markedUnread: unread });
  if (await callAction(() => setUnreadMarkAction(conversationId, unread))) return;
  store.getState().patchConversation(conversationId, { markedUnread: held.markedUnread });
}

/** "Mark as read" from the list: drops my unread mark and marks the newest message seen (receipts). */
export async function markRead(store: ChatStore, conversation: ConversationSummary): Promise<void> {
  if (conversation.markedUnread) await setUnreadMark(store, conversation.id, false);
  const newest = conversation.lastMessage;
  if (conversation.unreadCount === 0 || !newest) return;
  store.getState().patchConversation(conversation.id, { unreadCount: 0 });
  const seen = await callAction(() => markSeenAction(conversation.id, newest.id));
  store.getState().patchConversation(conversation.id, { unreadCount: seen ? seen.unreadCount : conversation.unreadCount });
}
