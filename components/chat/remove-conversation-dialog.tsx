"use client";
// "Leave group" / "Delete chat" from the conversation header. Leaving removes only me (my messages
// stay for the others); deleting a 1:1 hides it for me only until a new message arrives.
// The confirmation dialog (Radix: ./remove-conversation-confirm-dialog) is loaded on demand; the
// download starts as soon as the pointer or focus reaches the button.
import { LogOut, Trash2 } from "lucide-react";
import { lazy, Suspense, useRef, useState } from "react";

const loadConfirmDialog = () => import("./remove-conversation-confirm-dialog");
const RemoveConversationConfirmDialog = lazy(loadConfirmDialog);

export function RemoveConversationDialog({ conversationId, isGroup, title }: { conversationId: string; isGroup: boolean; title: string }) {
  const [open, setOpen] = useState(false);
  // Stays mounted after the first open, so closing behaves like any Radix dialog.
  const [requested, setRequested] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const action = isGroup ? "Leave group" : "Delete chat";
  const Icon = isGroup ? LogOut : Trash2;
  const preload = () => void loadConfirmDialog().catch(() => {});
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="icon-button"
        aria-label={action}
        title={action}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={preload}
        onFocus={preload}
        onClick={() => {
          setRequested(true);
          setOpen(true);
        }}
      >
        <Icon aria-hidden className="size-5" />
      </button>
      {requested ? (
        <Suspense fallback={null}>
          <RemoveConversationConfirmDialog
            conversationId={conversationId}
            isGroup={isGroup}
            title={title}
            open={open}
            onOpenChange={setOpen}
            trigger={trigger}
          />
        </Suspense>
      ) : null}
    </>
  );
}
