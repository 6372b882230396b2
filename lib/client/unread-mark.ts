"use client";
// "Mark as unread" in the browser: the dot shows at once (optimistic), the server action stores it
// and tells my other tabs and devices (conversation:unread-mark, ./realtime/unread-mark.ts); a
// refusal puts the dot back as it was and says why.
import { setUnreadMarkAction } from "@/app/(chat)/actions";
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
