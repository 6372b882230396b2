"use client";
// The dialogs message actions open (delete, forward, edit history, the full emoji picker), one
// lazily loaded component per kind: none of them is in the first-load JavaScript of /chat.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from "react";
import type { UiMessage } from "@/lib/client/store";
import type { MessageActionContext, MessageDialogKind } from "./actions";

export interface MessageDialogProps {
  message: UiMessage;
  ctx: Omit<MessageActionContext, "message" | "mine" | "openDialog">;
  onClose: () => void;
}

/** One entry per dialog kind; each loads when first opened. */
const DIALOGS: Partial<Record<MessageDialogKind, LazyExoticComponent<ComponentType<MessageDialogProps>>>> = {};
void lazy;

export function MessageDialogHost({ kind, ...props }: MessageDialogProps & { kind: MessageDialogKind }) {
  const Dialog = DIALOGS[kind];
  if (!Dialog) return null;
  return (
    <Suspense fallback={null}>
      <Dialog {...props} />
    </Suspense>
  );
}
