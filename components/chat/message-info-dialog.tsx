"use client";
// The message info panel of my message: per member, when it was delivered and when it was read
// (GET /api/conversations/:id/messages/:messageId/info). Loaded on demand (Radix dialog).
import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useEffect, useState, type RefObject } from "react";
import type { MessageInfoDto } from "@/lib/chat/receipts/dto";
import { ApiError, chatApi } from "@/lib/client/api";
import { fullTime } from "@/lib/client/format";
import { Modal } from "@/components/ui/modal";
import { UserAvatar } from "./user-avatar";

export function MessageInfoDialog({
  conversationId,
  messageId,
  open,
  onOpenChange,
  returnFocusTo,
}: {
  conversationId: string;
  messageId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: RefObject<HTMLButtonElement | null>;
}) {
  const [info, setInfo] = useState<{ id: string; data: MessageInfoDto } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    chatApi
      .messageInfo(conversationId, messageId)
      .then((data) => live && setInfo({ id: messageId, data }))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : "Could not load the message info."));
    return () => {
      live = false;
    };
  }, [conversationId, messageId]);

  const data = info?.id === messageId ? info.data : null;
  return (
    <Modal open={open} onOpenChange={onOpenChange} returnFocusTo={returnFocusTo} className="max-w-md">
      <div className="flex items-center justify-between">
        <Dialog.Title className="text-lg font-semibold">Message info</Dialog.Title>
        <Dialog.Close
          className="inline-flex size-9 items-center justify-center rounded-full hover:bg-neutral-100 dark:hover:bg-neutral-800"
          aria-label="Close"
        >
          <X aria-hidden className="size-5" />
        </Dialog.Close>
      </div>
      <Dialog.Description className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
        {data ? `Sent ${fullTime(data.createdAt)}` : "Who received and read this message."}
      </Dialog.Description>
      {error ? (
        <p role="alert" className="mt-4 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : !data ? (
        <p className="mt-4 text-sm text-neutral-600 dark:text-neutral-400">Loading…</p>
      ) : data.members.length === 0 ? (
        <p className="mt-4 text-sm text-neutral-600 dark:text-neutral-400">Nobody else is in this conversation.</p>
      ) : (
        <ul aria-label="Receipts" className="mt-4 flex max-h-80 flex-col gap-3 overflow-y-auto">
          {data.members.map((member) => {
            const name = member.user.name ?? "Parley user";
            return (
              <li key={member.user.id} aria-label={name} className="flex items-start gap-3">
                <UserAvatar user={member.user} size={32} />
                <div className="min-w-0 text-sm">
                  <p className="font-semibold">{name}</p>
                  <p className="text-neutral-700 dark:text-neutral-300">
                    {member.read ? `Read ${member.readAt ? fullTime(member.readAt) : ""}`.trim() : "Not read yet"}
                  </p>
                  <p className="text-neutral-700 dark:text-neutral-300">
                    {member.deliveredAt ? `Delivered ${fullTime(member.deliveredAt)}` : member.read ? "Delivered" : "Not delivered yet"}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Modal>
  );
}
