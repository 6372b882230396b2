"use client";
// `@ai` answers being written in this chat (issue 19), below the messages: the text so far as it
// streams in for every member, then gone once it is the bot's message; a notice when the assistant
// could not answer (everyone: the provider failed; me only: my question was refused), until
// dismissed. Loaded only for a chat whose members turned the assistant on.
import { Sparkles, X } from "lucide-react";
import { useCallback, useSyncExternalStore } from "react";
import { chatAnswersOf, dismissChatAnswer, onChatAnswers } from "@/lib/client/assistant-answers";

export default function ChatAnswers({ conversationId }: { conversationId: string }) {
  const snapshot = useCallback(() => chatAnswersOf(conversationId), [conversationId]);
  const answers = useSyncExternalStore(onChatAnswers, snapshot, snapshot);
  if (answers.length === 0) return null;
  return (
    <div className="flex shrink-0 flex-col gap-2 px-3 pb-2 sm:px-4">
      {answers.map((answer) =>
        answer.status === "failed" ? (
          <div
            key={answer.questionId}
            role="alert"
            className="flex items-start gap-2 rounded-xl border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          >
            <p className="flex-1">{answer.notice ?? "Parley AI could not answer."}</p>
            <button
              type="button"
              className="icon-button -my-1"
              aria-label="Dismiss the Parley AI notice"
              onClick={() => dismissChatAnswer(conversationId, answer.questionId)}
            >
              <X aria-hidden className="size-4" />
            </button>
          </div>
        ) : (
          <section
            key={answer.questionId}
            aria-label="Parley AI is answering"
            aria-busy="true"
            className="max-w-[85%] rounded-2xl bg-neutral-100 px-3 py-2 text-sm dark:bg-neutral-800"
          >
            <p className="mb-1 flex items-center gap-1 text-xs font-semibold text-violet-700 dark:text-violet-300">
              <Sparkles aria-hidden className="size-3.5" /> Parley AI is answering…
            </p>
            <p className="break-words whitespace-pre-wrap">{answer.text}</p>
          </section>
        ),
      )}
    </div>
  );
}
