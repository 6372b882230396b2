"use client";
// Starring in the browser (issue 13): the star shows at once (optimistic); the server action stores
// it and tells my other tabs; a refusal takes it back and says why (callAction's toast).
import { starMessageAction } from "@/app/(chat)/actions";
import { callAction } from "@/lib/client/call-action";
import type { UiMessage } from "@/lib/client/store";
import type { MessageStore } from "@/lib/client/store/message-slices";

export async function setStar(store: MessageStore, message: UiMessage, starred: boolean): Promise<boolean> {
  store.getState().applyStar(message.conversationId, message.id, starred);
  const result = await callAction(() => starMessageAction(message.id, starred));
  if (!result) store.getState().applyStar(message.conversationId, message.id, !starred);
  return result !== null;
}
