"use client";
// "Leave group" / "Delete chat" from the conversation header. Leaving removes only me (my messages
// stay for the others); deleting a 1:1 hides it for me only until a new message arrives.
import * as Dialog from "@radix-ui/react-dialog";
import { LogOut, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { chatApi } from "@/lib/client/api";
import { useChatStoreApi } from "@/lib/client/chat-store";

export function RemoveConversationDialog({ conversationId, isGroup, title }: { conversationId: string; isGroup: boolean; title: string }) {
  const store = useChatStoreApi();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const action = isGroup ? "Leave group" : "Delete chat";
  const Icon = isGroup ? LogOut : Trash2;

  async function confirm() {
    setBusy(true);
    try {
      await chatApi.remove(conversationId);
      store.getState().removeConversation(conversationId);
      setOpen(false);
      toast.success(isGroup ? `You left ${title}.` : `Chat with ${title} deleted for you.`);
      router.push("/chat");
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" className="icon-button" aria-label={action} title={action}>
          <Icon aria-hidden className="size-5" />
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-sm -translate-x-1/2 -translate-y-1/2 rounded-2xl bg-white p-5 shadow-xl dark:bg-neutral-900">
          <Dialog.Title className="text-lg font-semibold">{isGroup ? `Leave ${title}?` : `Delete this chat?`}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">
            {isGroup
              ? "You will stop receiving its messages. Your messages stay for the other members."
              : `It disappears from your list and its history is cleared for you only; ${title} keeps it. A new message brings the chat back.`}
          </Dialog.Description>
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close asChild>
              <button type="button" className="rounded-lg px-4 py-2 text-sm font-medium hover:bg-neutral-100 dark:hover:bg-neutral-800">
                Cancel
              </button>
            </Dialog.Close>
            <button
              type="button"
              onClick={() => void confirm()}
              disabled={busy}
              className="rounded-lg bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
            >
              {action}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
