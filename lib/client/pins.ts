"use client";
// Pinning in the browser (issue 13): the server action answers the chat's pins, which the pin bar
// shows at once (the other members get them through conversation:pins); a refusal — a group's
// plain member, the 4th pin — is a toast with the server's reason (callAction).
import { pinMessageAction } from "@/app/(chat)/actions";
import { callAction } from "@/lib/client/call-action";
import type { MessageStore } from "@/lib/client/store/message-slices";

export async function setPin(store: MessageStore, conversationId: string, messageId: string, pinned: boolean): Promise<boolean> {
  const result = await callAction(() => pinMessageAction(messageId, pinned));
  if (result) store.getState().applyPins(conversationId, result.pins);
  return result !== null;
}
