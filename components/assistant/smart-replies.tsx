"use client";
// Smart replies (issue 19), loaded on demand in a chat when I turned them on: for the newest
// message, when it is someone else's, a small "Suggest replies" button above the composer. Only a
// click asks the server (and spends tokens); the three short suggestions it answers replace the
// button, once per message (what was received is kept for this page's life, bounded, so reopening a
// chat shows them without asking again). A newer message cancels a request still running. Never in
// the way: sending and the history do not wait for it. A click on a suggestion puts the text in the
// composer; it is never sent without me.
import { Sparkles } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { fetchSuggestions } from "@/lib/client/assistant";
import { AskButton } from "./ask-button";

/** Suggestions already received, by message id: reopening a chat does not ask (and spend tokens) again. */
const received = new Map<string, string[]>();
const RECEIVED_MAX = 50;

export default function SmartReplies({
  conversationId,
  messageId,
  onPick,
}: {
  conversationId: string;
  /** The newest message, someone else's: what the suggestions answer. */
  messageId: string;
  onPick: (text: string) => void;
}) {
  // Re-render when `received` changes for this message (an answer, or a pick that empties it).
  const [, setVersion] = useState(0);
  const rerender = () => setVersion((v) => v + 1);
  // The request in flight (for this message) and the last refusal, both reset by a newer message.
  const [asking, setAsking] = useState<{ messageId: string; error: string | null } | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      inFlight.current?.abort();
      inFlight.current = null;
    },
    [conversationId, messageId],
  );

  const ask = () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setAsking({ messageId, error: null });
    fetchSuggestions(conversationId, controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        // Stale: a newer message arrived meanwhile (the button is offered for it).
        if (result.messageId === messageId) {
          received.set(messageId, result.suggestions);
          if (received.size > RECEIVED_MAX) received.delete(received.keys().next().value!);
        }
        setAsking(null);
      })
      .catch((error: Error) => {
        if (controller.signal.aborted) return;
        // Off, rate-limited or a provider failure: the server's message, and the button to try again.
        setAsking({ messageId, error: error.message });
      });
  };

  const suggestions = received.get(messageId);
  if (suggestions) {
    if (suggestions.length === 0) return null;
    return (
      <section aria-label="Suggested replies" className="flex flex-wrap items-center gap-2 px-3 pb-2 sm:px-4">
        <Sparkles aria-hidden className="size-4 text-sky-700 dark:text-sky-400" />
        {suggestions.map((suggestion) => (
          <button
            key={suggestion}
            type="button"
            className="max-w-full truncate rounded-full border border-sky-300 px-3 py-1 text-sm text-sky-900 hover:bg-sky-50 dark:border-sky-800 dark:text-sky-100 dark:hover:bg-sky-950"
            onClick={() => {
              onPick(suggestion);
              received.set(messageId, []);
              rerender();
            }}
          >
            {suggestion}
          </button>
        ))}
      </section>
    );
  }
  const current = asking?.messageId === messageId ? asking : null;
  return (
    <AskButton
      label="Suggest replies"
      busyLabel="Suggesting replies…"
      loading={current !== null && current.error === null}
      error={current?.error ?? null}
      onClick={ask}
      className="flex flex-wrap items-center gap-2 px-3 pb-2 sm:px-4"
    />
  );
}
