"use client";
// "Message info" from the message actions (toolbar, menus): the receipts panel of my message
// (../../message-info-dialog), the same one the ticks under it open.
import { MessageInfoDialog } from "../../message-info-dialog";
import type { MessageDialogProps } from "../message-dialogs";

export default function InfoDialog({ message, ctx, onClose, returnFocusTo }: MessageDialogProps) {
  return (
    <MessageInfoDialog
      conversationId={ctx.conversation.id}
      messageId={message.id}
      open
      onOpenChange={(open) => !open && onClose()}
      returnFocusTo={returnFocusTo}
    />
  );
}
