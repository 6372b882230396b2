"use client";
// "Leave group" / "Delete chat" from the conversation header. Leaving removes only me (my messages
// stay for the others); deleting a 1:1 hides it for me only until a new message arrives.
// The confirmation dialog (Radix: ./remove-conversation-confirm-dialog) is loaded on demand; its
// server action is handed to it from here (why: ./new-group-dialog).
import { LogOut, Trash2 } from "lucide-react";
import { lazy } from "react";
import { removeConversationAction } from "@/app/(chat)/actions";
import { LazyDialogTrigger } from "@/components/ui/lazy-dialog-trigger";

const loadConfirmDialog = () => import("./remove-conversation-confirm-dialog");
const RemoveConversationConfirmDialog = lazy(loadConfirmDialog);

export function RemoveConversationDialog({ conversationId, isGroup, title }: { conversationId: string; isGroup: boolean; title: string }) {
  const Icon = isGroup ? LogOut : Trash2;
  return (
    <LazyDialogTrigger
      label={isGroup ? "Leave group" : "Delete chat"}
      icon={<Icon aria-hidden className="size-5" />}
      preload={loadConfirmDialog}
      renderDialog={(state) => (
        <RemoveConversationConfirmDialog
          conversationId={conversationId}
          isGroup={isGroup}
          title={title}
          removeConversation={removeConversationAction}
          {...state}
        />
      )}
    />
  );
}
