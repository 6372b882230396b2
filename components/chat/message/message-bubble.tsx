// One message's chrome: the sender's name (groups), the bubble with its content (./message-content),
// the send status ("Sending…", "Failed — Retry"), the time and the "Seen" marker.
import { Ban, Clock, Forward, RotateCw, Star } from "lucide-react";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { UiMessage } from "@/lib/client/store";
import { fullTime, messageTime } from "@/lib/client/format";
import type { ReceiptStatus } from "@/lib/chat/receipts/dto";
import { MessageContent } from "./message-content";
import { ReceiptTicks } from "./receipt-ticks";
import { ReactionChips } from "./reaction-chips";
import { ReplyQuote } from "./reply-quote";
import { SeenMarker } from "./seen-marker";
import type { OpenImage } from "./types";

export function MessageBubble({
  message,
  mine,
  senderName,
  showSenderName,
  showTime,
  seenBy,
  isGroup,
  onOpenImage,
  onRetry,
  receipt,
  onOpenInfo,
  nameOf,
}: {
  message: UiMessage;
  mine: boolean;
  /** My confirmed message: its receipt state across the other members (ticks, a button to the info panel). */
  receipt?: ReceiptStatus;
  onOpenInfo?: (messageId: string, button: HTMLButtonElement) => void;
  /** How a user is named in this list ("You" for me). */
  nameOf: (user: { id: string; name: string | null }) => string;
  /** "You" for my messages. */
  senderName: string;
  /** Above the first bubble of someone else's group of messages (group conversations). */
  showSenderName: boolean;
  /** Under the last bubble of a group of messages. */
  showTime: boolean;
  /** The members for whom this is the newest message they have seen. */
  seenBy: SafeUser[] | undefined;
  isGroup: boolean;
  onOpenImage: OpenImage;
  onRetry: (id: string) => void;
}) {
  return (
    <div className={`flex max-w-[78%] flex-col sm:max-w-[65%] ${mine ? "items-end" : "items-start"}`}>
      {showSenderName ? (
        <span aria-hidden className="mb-0.5 ml-3 text-xs text-neutral-600 dark:text-neutral-400">
          {message.sender.name ?? "Parley user"}
        </span>
      ) : null}
      <Bubble message={message} mine={mine} senderName={senderName} onOpenImage={onOpenImage} onRetry={onRetry} nameOf={nameOf} />
      {(showTime || receipt) && !message.status ? (
        <span className="mt-0.5 flex items-center gap-1 px-1">
          {showTime ? (
            <time
              aria-hidden
              dateTime={message.createdAt}
              suppressHydrationWarning
              className="text-[11px] text-neutral-500 dark:text-neutral-400"
            >
              {messageTime(message.createdAt)}
            </time>
          ) : null}
          {receipt && onOpenInfo ? <ReceiptTicks status={receipt} onOpen={(button) => onOpenInfo(message.id, button)} /> : null}
        </span>
      ) : null}
      {seenBy && seenBy.length > 0 ? <SeenMarker users={seenBy} isGroup={isGroup} /> : null}
    </div>
  );
}

function Bubble({
  message,
  mine,
  senderName,
  onOpenImage,
  onRetry,
  nameOf,
}: {
  message: UiMessage;
  mine: boolean;
  senderName: string;
  onOpenImage: OpenImage;
  onRetry: (id: string) => void;
  nameOf: (user: { id: string; name: string | null }) => string;
}) {
  const failed = message.status === "failed";
  return (
    <div
      className={`flex flex-col gap-1 ${mine ? "items-end" : "items-start"} ${message.status === "sending" || message.status === "queued" ? "opacity-80" : ""}`}
    >
      <span className="sr-only">{`${senderName}, ${fullTime(message.createdAt)}:`}</span>
      {message.forwarded ? (
        <span className="flex items-center gap-1 px-1 text-xs text-neutral-500 italic dark:text-neutral-400">
          <Forward aria-hidden className="size-3" />
          Forwarded
        </span>
      ) : null}
      {message.replyTo ? <ReplyQuote quote={message.replyTo} conversationId={message.conversationId} mine={mine} nameOf={nameOf} /> : null}
      {message.deleted ? (
        <p className="rounded-2xl border border-dashed border-neutral-300 px-3.5 py-2 text-sm text-neutral-500 italic dark:border-neutral-700 dark:text-neutral-400">
          <Ban aria-hidden className="mr-1 inline size-3.5 align-[-2px]" />
          This message was deleted
        </p>
      ) : (
        <MessageContent message={message} mine={mine} senderName={senderName} onOpenImage={onOpenImage} />
      )}
      <ReactionChips message={message} mine={mine} />
      {message.starred ? (
        <span className="flex items-center gap-1 px-1 text-[11px] text-amber-700 dark:text-amber-400" title="Starred">
          <Star aria-hidden className="size-3 fill-current" />
          <span className="sr-only">Starred</span>
        </span>
      ) : null}
      {message.editedAt && !message.deleted ? (
        <span className="px-1 text-[11px] text-neutral-500 dark:text-neutral-400" title={`Edited ${fullTime(message.editedAt)}`}>
          edited
        </span>
      ) : null}
      {message.status === "sending" ? (
        <span className="text-xs text-neutral-500 dark:text-neutral-400">Sending…</span>
      ) : message.status === "queued" ? (
        // Written offline (lib/client/outbox): sent automatically, in order, when the connection returns.
        <span
          role="img"
          aria-label="Waiting to send"
          title="Waiting to send: it goes out when you are back online"
          className="flex items-center gap-1 text-xs text-neutral-500 dark:text-neutral-400"
        >
          <Clock aria-hidden className="size-3" />
        </span>
      ) : failed ? (
        <span className="flex items-center gap-1 text-xs text-red-600 dark:text-red-400">
          <span>Failed — </span>
          <button type="button" onClick={() => onRetry(message.id)} className="inline-flex items-center gap-1 font-semibold underline">
            <RotateCw aria-hidden className="size-3" />
            Retry
          </button>
        </span>
      ) : null}
    </div>
  );
}
