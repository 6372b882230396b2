"use client";
// Smart replies (issue 19), loaded on demand in a chat when I turned them on: for the newest
// message, when it is someone else's, three short suggested replies above the composer. Asked for
// lazily (a moment after the chat opens or the message arrives; a newer message cancels the
// request), once per message (what was received is kept for this page's life, bounded), never
// in the way: sending and the history do not wait for it, and a failure just shows nothing. A
// click puts the text in the composer; it is never sent without me.
import { Sparkles } from "lucide-react";
import { useEffect, useState } from "react";
import { fetchSuggestions } from "@/lib/client/assistant";

/** Wait this long after the newest message changes before asking (a burst asks once). */
const DEBOUNCE_MS = 600;

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

  useEffect(() => {
    if (received.has(messageId)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchSuggestions(conversationId, controller.signal)
        .then((result) => {
          // Stale: a newer message arrived meanwhile (its own request follows).
          if (controller.signal.aborted || result.messageId !== messageId) return;
          received.set(messageId, result.suggestions);
          if (received.size > RECEIVED_MAX) received.delete(received.keys().next().value!);
          setVersion((v) => v + 1);
        })
        .catch(() => {
          // Off, rate-limited or a provider failure: no suggestions, nothing else changes.
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [conversationId, messageId]);

  const suggestions = received.get(messageId) ?? [];
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
