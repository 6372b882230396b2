"use client";
// The app's modal dialog shell (Radix): overlay, centred panel, and focus returned to the button
// that opened it (it is not a Radix Trigger, see ./lazy-dialog-trigger). Only lazily loaded
// dialogs import it, so Radix is not in the first-load JavaScript.
import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode, RefObject } from "react";

export function Modal({
  open,
  onOpenChange,
  returnFocusTo,
  className,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: RefObject<HTMLButtonElement | null>;
  /** Size and layout of the panel, added to the shared look. */
  className: string;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocusTo.current?.focus();
          }}
          className={`fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 rounded-2xl bg-white p-5 shadow-xl dark:bg-neutral-900 ${className}`}
        >
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The dialog's plain closing button ("Cancel", "Close"): a Radix Close, so focus returns as on Escape. */
export function ModalCloseButton({ children }: { children: ReactNode }) {
  return (
    <Dialog.Close asChild>
      <button type="button" className="rounded-lg px-4 py-2 text-sm font-medium hover:bg-neutral-100 dark:hover:bg-neutral-800">
        {children}
      </button>
    </Dialog.Close>
  );
}
