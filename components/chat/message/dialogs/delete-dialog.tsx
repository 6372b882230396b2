"use client";
// "Delete message?": for me (any message: it leaves my view only) or for everyone (my message
// within the window, any message for a group's admins: a tombstone for every member).
import * as Dialog from "@radix-ui/react-dialog";
import { useTransition } from "react";
import { Modal, ModalCloseButton } from "@/components/ui/modal";
import { deleteMessage } from "@/lib/client/message-actions";
import { canDeleteForEveryone } from "../actions";
import type { MessageDialogProps } from "../message-dialogs";

export default function DeleteMessageDialog({ message, ctx, onClose, returnFocusTo }: MessageDialogProps) {
  const [busy, startTransition] = useTransition();
  const mine = message.sender.id === ctx.meId;
  const forEveryone = canDeleteForEveryone({ message, mine, conversation: ctx.conversation, limits: ctx.limits });
  const run = (scope: "me" | "everyone") =>
    startTransition(async () => {
      onClose();
      await deleteMessage(ctx.store, message, scope);
    });
  return (
    <Modal open onOpenChange={(open) => !open && onClose()} returnFocusTo={returnFocusTo} className="max-w-sm">
      <Dialog.Title className="text-lg font-semibold">Delete message?</Dialog.Title>
      <Dialog.Description className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">
        {forEveryone
          ? "Delete it for everyone to leave “This message was deleted” in its place for all members, or only for you."
          : "It will be removed from your view only; the others keep it."}
      </Dialog.Description>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <ModalCloseButton>Cancel</ModalCloseButton>
        <button
          type="button"
          disabled={busy}
          onClick={() => run("me")}
          className="rounded-lg border border-red-700 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60 dark:border-red-400 dark:text-red-300 dark:hover:bg-red-950"
        >
          Delete for me
        </button>
        {forEveryone ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => run("everyone")}
            className="rounded-lg bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
          >
            Delete for everyone
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
