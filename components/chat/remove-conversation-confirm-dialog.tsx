"use client";
// The "Leave group" / "Delete chat" confirmation (Radix dialog); confirming calls
// removeConversationAction (a server action). Loaded on demand by RemoveConversationDialog
// (./remove-conversation-dialog), which renders the header button and hands in the action.
import { callAction } from "@/lib/client/call-action";
import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { removeConversationAction } from "@/app/(chat)/actions";
import { useChatStoreApi } from "@/lib/client/store";
import { notify } from "@/lib/client/notify";
import { Modal, ModalCloseButton } from "@/components/ui/modal";

export default function RemoveConversationConfirmDialog({
  conversationId,
  isGroup,
  title,
  open,
  onOpenChange: setOpen,
  trigger,
  removeConversation,
}: {
  conversationId: string;
  isGroup: boolean;
  title: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog: focus returns to it on close (it is not a Radix Trigger). */
  trigger: React.RefObject<HTMLButtonElement | null>;
  /** removeConversationAction, passed in by RemoveConversationDialog (see ./new-group-dialog why). */
  removeConversation: typeof removeConversationAction;
}) {
  const store = useChatStoreApi();
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const action = isGroup ? "Leave group" : "Delete chat";

  function confirm() {
    startTransition(async () => {
      if (!(await callAction(() => removeConversation(conversationId)))) return;
      store.getState().removeConversation(conversationId);
      setOpen(false);
      notify.success(isGroup ? `You left ${title}.` : `Chat with ${title} deleted for you.`);
      router.push("/chat");
    });
  }

  return (
    <Modal open={open} onOpenChange={setOpen} returnFocusTo={trigger} className="max-w-sm">
      <Dialog.Title className="text-lg font-semibold">{isGroup ? `Leave ${title}?` : `Delete this chat?`}</Dialog.Title>
      <Dialog.Description className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">
        {isGroup
          ? "You will stop receiving its messages. Your messages stay for the other members."
          : `It disappears from your list and its history is cleared for you only; ${title} keeps it. A new message brings the chat back.`}
      </Dialog.Description>
      <div className="mt-5 flex justify-end gap-2">
        <ModalCloseButton>Cancel</ModalCloseButton>
        <button
          type="button"
          onClick={confirm}
          disabled={busy}
          className="rounded-lg bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
        >
          {action}
        </button>
      </div>
    </Modal>
  );
}
