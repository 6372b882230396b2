"use client";
// The quoted message above a reply: its sender and a snippet. A click jumps to the original (the
// page around it is loaded when it is not held, like a search hit) and highlights it. A quote of a
// message deleted for everyone says so.
import type { ReplySnippet } from "@/lib/chat/messages/dto";
import { useMessageStoreApi } from "@/lib/client/store/message-slices";

export function ReplyQuote({
  quote,
  conversationId,
  mine,
  nameOf,
}: {
  quote: ReplySnippet;
  conversationId: string;
  mine: boolean;
  nameOf: (user: { id: string; name: string | null }) => string;
}) {
  const store = useMessageStoreApi();
  const who = nameOf(quote.sender);
  const text = quote.deleted ? "This message was deleted" : (quote.snippet ?? (quote.hasImage ? "Photo" : ""));
  return (
    <button
      type="button"
      onClick={() => store.getState().requestJump(conversationId, quote.id)}
      aria-label={`Reply to ${who}: ${text}. Show the original message`}
      className={`block max-w-full rounded-xl border-l-4 px-3 py-1 text-left text-xs ${
        mine
          ? "border-sky-300 bg-sky-50 text-neutral-800 dark:bg-sky-950 dark:text-neutral-200"
          : "border-neutral-400 bg-neutral-50 text-neutral-800 dark:bg-neutral-900 dark:text-neutral-200"
      }`}
    >
      <span className="block font-semibold">{who}</span>
      <span className={`line-clamp-2 ${quote.deleted ? "italic opacity-80" : ""}`}>{text}</span>
    </button>
  );
}
