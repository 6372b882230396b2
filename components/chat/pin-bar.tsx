"use client";
// The pin bar (issue 13): the chat's pinned messages (at most 3) at the top of the conversation.
// It shows one pin at a time: pressing it opens the chat at that message (the store's requestJump,
// like a reply quote) and moves on to the next pin, so repeated presses cycle through them; "Next
// pinned message" cycles without jumping. Who may pin may also unpin from here. Loaded only for a
// chat that has pins (conversation-view), so it is not in the first-load JavaScript.
import { ChevronDown, Pin, PinOff } from "lucide-react";
import { useState } from "react";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { mentionsAsText } from "@/lib/chat/mentions/tokens";
import { setPin } from "@/lib/client/pins";
import { useMessageStore, useMessageStoreApi } from "@/lib/client/store/message-slices";

export default function PinBar({ conversation }: { conversation: ConversationSummary }) {
  const store = useMessageStoreApi();
  const me = useMessageStore((s) => s.me);
  const held = useMessageStore((s) => s.messages[conversation.id]?.items);
  const pins = conversation.pins ?? [];
  const [at, setAt] = useState(0);
  if (pins.length === 0) return null;
  const index = at % pins.length;
  const pin = pins[index]!;
  const canPin = !conversation.isGroup || conversation.myRole === "admin";
  // The held copy is the freshest (an edit arrives as message:update).
  const body = held?.find((m) => m.id === pin.message.id)?.body ?? pin.message.body;
  const nameOf = (userId: string) =>
    userId === me.id ? "You" : (conversation.members.find((m) => m.id === userId)?.name ?? "Parley user");
  const text = body
    ? mentionsAsText(body, (id) => conversation.members.find((m) => m.id === id)?.name ?? null)
    : pin.message.hasImage
      ? "Photo"
      : "";
  const label = pins.length > 1 ? `Pinned message ${index + 1} of ${pins.length}` : "Pinned message";

  return (
    <section
      aria-label="Pinned messages"
      className="flex shrink-0 items-center gap-1 border-b border-neutral-200 bg-neutral-50 px-2 py-1 sm:px-4 dark:border-neutral-800 dark:bg-neutral-900"
    >
      <Pin aria-hidden className="size-4 shrink-0 text-sky-700 dark:text-sky-400" />
      <button
        type="button"
        onClick={() => {
          store.getState().requestJump(conversation.id, pin.message.id);
          setAt(index + 1);
        }}
        className="flex min-w-0 flex-1 flex-col rounded-md px-2 py-1 text-left hover:bg-neutral-100 dark:hover:bg-neutral-800"
      >
        <span className="text-xs font-semibold text-sky-700 dark:text-sky-400">{label}</span>
        <span className="truncate text-sm">
          <span className="font-medium">{nameOf(pin.message.senderId)}: </span>
          {text}
        </span>
      </button>
      {pins.length > 1 ? (
        <button
          type="button"
          className="icon-button"
          aria-label="Next pinned message"
          title="Next pinned message"
          onClick={() => setAt(index + 1)}
        >
          <ChevronDown aria-hidden className="size-4" />
        </button>
      ) : null}
      {canPin ? (
        <button
          type="button"
          className="icon-button"
          aria-label="Unpin this message"
          title="Unpin this message"
          onClick={() => void setPin(store, conversation.id, pin.message.id, false)}
        >
          <PinOff aria-hidden className="size-4" />
        </button>
      ) : null}
    </section>
  );
}
