"use client";
// "Forward message": pick one or more of my conversations; each gets a copy marked "Forwarded".
import * as Dialog from "@radix-ui/react-dialog";
import { useMemo, useState, useTransition } from "react";
import { Modal, ModalCloseButton } from "@/components/ui/modal";
import { MESSAGE_ACTION_LIMITS } from "@/lib/chat/message-actions/limits";
import { forwardMessage } from "@/lib/client/message-actions";
import { conversationTitle, sortConversations, useChat } from "@/lib/client/store";
import type { MessageDialogProps } from "../message-dialogs";

const FORWARD_TARGETS_MAX = MESSAGE_ACTION_LIMITS.forwardTargetsMax;

export default function ForwardDialog({ message, ctx, onClose, returnFocusTo }: MessageDialogProps) {
  const conversations = useChat((s) => s.conversations);
  const list = useMemo(() => sortConversations(conversations), [conversations]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const [busy, startTransition] = useTransition();
  const shown = list.filter((c) => conversationTitle(c, ctx.meId).toLowerCase().includes(filter.trim().toLowerCase()));
  const toggle = (id: string) => setChosen((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  return (
    <Modal open onOpenChange={(open) => !open && onClose()} returnFocusTo={returnFocusTo} className="max-w-md">
      <Dialog.Title className="text-lg font-semibold">Forward message</Dialog.Title>
      <Dialog.Description className="mt-1 truncate text-sm text-neutral-600 dark:text-neutral-400">
        {message.body ?? (message.image ? "Photo" : "")}
      </Dialog.Description>
      <label className="mt-4 block text-sm font-medium">
        Search chats
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="mt-1 w-full rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm dark:border-neutral-700 dark:bg-neutral-950"
        />
      </label>
      <fieldset className="mt-3">
        <legend className="sr-only">Chats to forward to</legend>
        <ul className="flex max-h-72 flex-col overflow-y-auto">
          {shown.map((c) => {
            const title = conversationTitle(c, ctx.meId);
            const checked = chosen.includes(c.id);
            return (
              <li key={c.id}>
                <label className="flex items-center gap-3 rounded-lg px-2 py-2 text-sm hover:bg-neutral-100 dark:hover:bg-neutral-800">
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={!checked && chosen.length >= FORWARD_TARGETS_MAX}
                    onChange={() => toggle(c.id)}
                  />
                  <span className="truncate">{title}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="mt-5 flex justify-end gap-2">
        <ModalCloseButton>Cancel</ModalCloseButton>
        <button
          type="button"
          disabled={busy || chosen.length === 0}
          onClick={() =>
            startTransition(async () => {
              if (await forwardMessage(ctx.store, message, chosen)) onClose();
            })
          }
          className="rounded-lg bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
        >
          {chosen.length > 1 ? `Forward to ${chosen.length} chats` : "Forward"}
        </button>
      </div>
    </Modal>
  );
}
