"use client";
// The dialogs message actions open (delete, forward, edit history, the full emoji picker), one
// lazily loaded component per kind: none of them (nor Radix, nor the emoji data) is in the
// first-load JavaScript of /chat. Focus returns to what had it when the dialog opened (the
// message's "More actions" button).
import { lazy, Suspense, useState, type ComponentType, type LazyExoticComponent, type RefObject } from "react";
import type { UiMessage } from "@/lib/client/store";
import type { MessageActionContext, MessageDialogKind } from "./actions";

export interface MessageDialogProps {
  message: UiMessage;
  ctx: Omit<MessageActionContext, "message" | "mine" | "openDialog">;
  onClose: () => void;
  /** Where focus goes back when the dialog closes. */
  returnFocusTo: RefObject<HTMLButtonElement | null>;
}

/** One entry per dialog kind; each loads when first opened. */
const DIALOGS: Record<MessageDialogKind, LazyExoticComponent<ComponentType<MessageDialogProps>>> = {
  delete: lazy(() => import("./dialogs/delete-dialog")),
  forward: lazy(() => import("./dialogs/forward-dialog")),
  "edit-history": lazy(() => import("./dialogs/edit-history-dialog")),
  "reaction-picker": lazy(() => import("./dialogs/emoji-picker-dialog")),
  info: lazy(() => import("./dialogs/info-dialog")),
};

export function MessageDialogHost({ kind, ...props }: Omit<MessageDialogProps, "returnFocusTo"> & { kind: MessageDialogKind }) {
  // The element focused when the dialog was asked for (read once, at mount).
  const [returnFocusTo] = useState(() => ({
    current: (typeof document === "undefined" ? null : document.activeElement) as HTMLButtonElement | null,
  }));
  const Dialog = DIALOGS[kind];
  return (
    <Suspense fallback={null}>
      <Dialog {...props} returnFocusTo={returnFocusTo} />
    </Suspense>
  );
}
