"use client";
// A 1:1 started by someone not in my contacts (issue 15, lib/chat/message-requests): above the
// composer until I answer. Replying accepts it too; its messages do not notify me until then.
import { answerMessageRequest } from "@/lib/client/message-requests";
import type { MessageStore } from "@/lib/client/store/message-slices";

const buttonClass =
  "rounded-full px-4 py-1.5 text-sm font-semibold transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";

export function MessageRequestBanner({
  store,
  conversationId,
  senderName,
  onBlock,
}: {
  store: MessageStore;
  conversationId: string;
  senderName: string;
  onBlock: () => void;
}) {
  return (
    <section
      aria-label="Message request"
      className="flex shrink-0 flex-col gap-2 border-t border-neutral-200 bg-neutral-50 px-4 py-3 text-sm sm:flex-row sm:items-center dark:border-neutral-800 dark:bg-neutral-900"
    >
      <p className="flex-1">
        <span className="font-semibold">{senderName}</span> is not in your contacts. Their messages will not notify you until you accept.
      </p>
      <div className="flex gap-2">
        <button
          type="button"
          className={`${buttonClass} bg-sky-700 text-white hover:bg-sky-800`}
          onClick={() => void answerMessageRequest(store, conversationId, "accept")}
        >
          Accept
        </button>
        <button
          type="button"
          className={`${buttonClass} bg-neutral-200 text-neutral-900 hover:bg-neutral-300 dark:bg-neutral-800 dark:text-neutral-100 dark:hover:bg-neutral-700`}
          onClick={() => void answerMessageRequest(store, conversationId, "decline")}
        >
          Decline
        </button>
        <button
          type="button"
          className={`${buttonClass} text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`}
          onClick={onBlock}
        >
          Block
        </button>
      </div>
    </section>
  );
}
