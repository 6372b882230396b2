"use client";
// The Starred view (issue 13): my starred messages across my chats, newest star first, a page at a
// time ("Show more": GET /api/starred keyset cursor). Each opens its chat at that message: the
// store's requestJump (like a search hit or a reply quote) loads the page around it and marks it.
import * as Dialog from "@radix-ui/react-dialog";
import { Star, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Modal } from "@/components/ui/modal";
import type { StarredItem } from "@/lib/chat/stars/dto";
import { chatApi } from "@/lib/client/api";
import { dayLabel, fullTime } from "@/lib/client/format";
import { useChat } from "@/lib/client/store";
import { useMessageStoreApi } from "@/lib/client/store/message-slices";
import type { LazyDialogState } from "@/components/ui/lazy-dialog-trigger";

export default function StarredDialog({ open, onOpenChange, trigger }: LazyDialogState) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} returnFocusTo={trigger} className="flex max-h-[85dvh] max-w-lg flex-col">
      <div className="mb-1 flex items-center justify-between">
        <Dialog.Title className="flex items-center gap-2 text-lg font-semibold">
          <Star aria-hidden className="size-5 fill-amber-400 text-amber-500" /> Starred messages
        </Dialog.Title>
        <Dialog.Close className="icon-button" aria-label="Close">
          <X aria-hidden className="size-5" />
        </Dialog.Close>
      </div>
      <Dialog.Description className="mb-3 text-sm text-neutral-600 dark:text-neutral-400">
        Messages you starred in your chats, newest first.
      </Dialog.Description>
      {open ? <StarredList onOpen={() => onOpenChange(false)} /> : null}
    </Modal>
  );
}

function StarredList({ onOpen }: { onOpen: () => void }) {
  const store = useMessageStoreApi();
  const me = useChat((s) => s.me);
  const router = useRouter();
  const [items, setItems] = useState<StarredItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "idle" | "error">("loading");

  const fetchPage = (after?: string) =>
    chatApi
      .starred(after)
      .then((page) => {
        setItems((held) => (after ? [...held, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setState("idle");
      })
      .catch(() => setState("error"));
  // The first page, once per opening (the state starts as "loading").
  useEffect(() => void fetchPage(), []);
  const more = (after: string) => {
    setState("loading");
    void fetchPage(after);
  };

  const openItem = (item: StarredItem) => {
    store.getState().requestJump(item.message.conversationId, item.message.id);
    router.push(`/chat/${item.message.conversationId}`);
    onOpen();
  };

  return (
    <div className="-mx-2 min-h-0 flex-1 overflow-y-auto px-2">
      {items.length > 0 ? (
        <ul aria-label="Starred messages" className="flex flex-col gap-1">
          {items.map((item) => (
            <li key={item.message.id}>
              <button
                type="button"
                onClick={() => openItem(item)}
                className="flex w-full flex-col gap-0.5 rounded-lg px-3 py-2 text-left hover:bg-neutral-100 focus-visible:bg-neutral-100 dark:hover:bg-neutral-800 dark:focus-visible:bg-neutral-800"
              >
                <span className="flex gap-2 text-xs text-neutral-600 dark:text-neutral-400">
                  <span className="truncate font-semibold">
                    {item.message.sender.id === me.id ? "You" : (item.message.sender.name ?? "Parley user")}
                  </span>
                  <span className="truncate">in {item.conversation.title ?? "a chat"}</span>
                  <time
                    className="ml-auto shrink-0"
                    dateTime={item.message.createdAt}
                    title={fullTime(item.message.createdAt)}
                    suppressHydrationWarning
                  >
                    {dayLabel(item.message.createdAt)}
                  </time>
                </span>
                <span className="line-clamp-2 text-sm break-words">{item.message.snippet ?? (item.message.hasImage ? "Photo" : "")}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p role="status" className="px-3 py-2 text-sm text-neutral-600 empty:hidden dark:text-neutral-400">
        {state === "loading"
          ? "Loading…"
          : state === "error"
            ? "Could not load your starred messages."
            : items.length === 0
              ? "No starred messages yet. Star a message from its menu to find it here."
              : ""}
      </p>
      {cursor && state === "idle" ? (
        <button
          type="button"
          onClick={() => more(cursor)}
          className="mx-3 mb-2 text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
        >
          Show more
        </button>
      ) : null}
    </div>
  );
}
