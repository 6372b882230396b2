// `@ai` answers being written in a chat (issue 19), in the browser: `assistant:answer` events (the
// chat's channel: the text so far, then done or failed; my user channel: a refusal of my question)
// kept per conversation until the answer is a message (done) or its notice is dismissed. Transient
// by design (never stored), so no store slice: the realtime capability writes here, the chat's
// answers area (components/assistant/chat-answers.tsx) reads through useSyncExternalStore.
import type { EventPayload } from "@/lib/realtime/events";

export type ChatAnswer = EventPayload<"assistant:answer">;

const EMPTY: readonly ChatAnswer[] = [];
const byConversation = new Map<string, readonly ChatAnswer[]>();
/** Questions whose answer ended: a late progress event never brings it back. */
const ended = new Set<string>();
const listeners = new Set<() => void>();

function set(conversationId: string, answers: readonly ChatAnswer[]): void {
  if (answers.length === 0) byConversation.delete(conversationId);
  else byConversation.set(conversationId, answers);
  for (const listener of listeners) listener();
}

export function applyChatAnswer(event: ChatAnswer): void {
  const current = byConversation.get(event.conversationId) ?? EMPTY;
  const others = current.filter((answer) => answer.questionId !== event.questionId);
  if (event.status === "streaming") {
    if (ended.has(event.questionId)) return;
    set(event.conversationId, [...others, event]);
    return;
  }
  ended.add(event.questionId);
  // Done: the answer arrived as the bot's message (message:new, published just before).
  set(event.conversationId, event.status === "done" ? others : [...others, event]);
}

export function dismissChatAnswer(conversationId: string, questionId: string): void {
  set(
    conversationId,
    (byConversation.get(conversationId) ?? EMPTY).filter((answer) => answer.questionId !== questionId),
  );
}

export function chatAnswersOf(conversationId: string): readonly ChatAnswer[] {
  return byConversation.get(conversationId) ?? EMPTY;
}

export function onChatAnswers(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
