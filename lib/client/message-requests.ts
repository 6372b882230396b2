"use client";
// Answering a message request from its banner (issue 15): the server action, then my list follows
// at once (my other tabs and devices through conversation:message-request / conversation:remove).
import { answerMessageRequestAction } from "@/app/(chat)/actions";
import { callAction } from "./call-action";
import type { MessageStore } from "./store/message-slices";

export async function answerMessageRequest(store: MessageStore, conversationId: string, answer: "accept" | "decline"): Promise<void> {
  const result = await callAction(() => answerMessageRequestAction(conversationId, answer));
  if (!result) return;
  // Declined: out of my list, which takes me out of the chat (conversation-view).
  if (answer === "decline") store.getState().removeConversation(conversationId);
  else store.getState().patchConversation(conversationId, { messageRequest: undefined });
}
