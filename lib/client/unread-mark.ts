"use client";
// "Mark as unread" in the browser: the dot shows at once (optimistic), the server action stores it
// and tells my other tabs and devices (conversation:unread-mark, ./realtime/unread-mark.ts); a
// refusal puts the dot back as it was and says why.
import { markSeenAction, setUnreadMarkAction } from "@/app/(chat)/actions";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { NETWORK_MESSAGE } from "@/lib/client/api";
import { notify } from "@/lib/client/notify";
import type { ChatStore } from "@/lib/client/store";

export async function setUnreadMark(store: ChatStore, conversationId: string, unread: boolean): Promise<void> {
  const held = store.getState().conversations[conversationId];
  if (!held || held.markedUnread === unread) return;
  store.getState().patchConversation(conversationId, { markedUnread: unread });
  const result = await setUnreadMarkAction(conversationId, unread).catch(() => null);
  if (result?.ok) return;
  store.getState().patchConversation(conversationId, { markedUnread: held.markedUnread });
  notify.error(result ? result.error.message : NETWORK_MESSAGE);
}

/** "Mark as read" from the list: drops my unread mark and marks the newest message seen (receipts). */
export async function markRead(store: ChatStore, conversation: ConversationSummary): Promise<void> {
  if (conversation.markedUnread) await setUnreadMark(store, conversation.id, false);
  const newest = conversation.lastMessage;
  if (conversation.unreadCount === 0 || !newest) return;
  store.getState().patchConversation(conversation.id, { unreadCount: 0 });
  const result = await markSeenAction(conversation.id, newest.id).catch(() => null);
  if (result?.ok) store.getState().patchConversation(conversation.id, { unreadCount: result.data.unreadCount });
  else {
    store.getState().patchConversation(conversation.id, { unreadCount: conversation.unreadCount });
    notify.error(result ? result.error.message : NETWORK_MESSAGE);
  }
}
