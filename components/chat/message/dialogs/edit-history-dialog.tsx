"use client";
// "Edit history" of my own message: its current text and the versions it replaced (the server
// shows them to the author only).
import * as Dialog from "@radix-ui/react-dialog";
import { useEffect, useState } from "react";
import { Modal, ModalCloseButton } from "@/components/ui/modal";
import { fullTime } from "@/lib/client/format";
import { loadEditHistory } from "@/lib/client/message-actions";
import type { MessageDialogProps } from "../message-dialogs";

type History = NonNullable<Awaited<ReturnType<typeof loadEditHistory>>>;

export default function EditHistoryDialog({ message, onClose, returnFocusTo }: MessageDialogProps) {
  const [history, setHistory] = useState<History | null>(null);
  useEffect(() => {
    let live = true;
    void loadEditHistory(message.id).then((result) => {
      if (!live) return;
      if (result) setHistory(result);
      else onClose();
    });
    return () => {
      live = false;
    };
  }, [message.id, onClose]);
  return (
    <Modal open onOpenChange={(open) => !open && onClose()} returnFocusTo={returnFocusTo} className="max-w-md">
      <Dialog.Title className="text-lg font-semibold">Edit history</Dialog.Title>
      <Dialog.Description className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
        Only you can see earlier versions.
      </Dialog.Description>
      {history ? (
        <ol className="mt-4 flex max-h-80 flex-col gap-3 overflow-y-auto">
          <li>
            <p className="text-xs font-semibold text-neutral-600 dark:text-neutral-400">Now</p>
            <p className="text-sm whitespace-pre-wrap">{history.current}</p>
          </li>
          {history.versions.map((version) => (
            <li key={version.replacedAt}>
              <p className="text-xs font-semibold text-neutral-600 dark:text-neutral-400">{`Until ${fullTime(version.replacedAt)}`}</p>
              <p className="text-sm whitespace-pre-wrap">{version.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-4 text-sm" role="status">
          Loading…
        </p>
      )}
      <div className="mt-5 flex justify-end">
        <ModalCloseButton>Close</ModalCloseButton>
      </div>
    </Modal>
  );
}
