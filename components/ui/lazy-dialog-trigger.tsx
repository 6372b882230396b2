"use client";
// An icon button that opens a dialog whose code is loaded on demand (React.lazy), so the dialog and
// its libraries stay out of the first-load JavaScript. The download starts as soon as the pointer
// or focus reaches the button; after the first open the dialog stays mounted, so closing behaves
// like any Radix dialog and focus returns to the button.
import { Suspense, useRef, useState, type ReactNode, type RefObject } from "react";

export interface LazyDialogState {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opened the dialog: focus goes back to it on close. */
  trigger: RefObject<HTMLButtonElement | null>;
}

export function LazyDialogTrigger({
  label,
  icon,
  badge,
  preload,
  renderDialog,
}: {
  label: string;
  icon: ReactNode;
  /** Drawn over the icon's corner (e.g. an unread count); the label should say it too. */
  badge?: ReactNode;
  /** The dialog module's import(), also used by the React.lazy that renderDialog renders. */
  preload: () => Promise<unknown>;
  renderDialog: (state: LazyDialogState) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [requested, setRequested] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const warm = () => void preload().catch(() => {});
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="icon-button relative"
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={warm}
        onFocus={warm}
        onClick={() => {
          setRequested(true);
          setOpen(true);
        }}
      >
        {icon}
        {badge}
      </button>
      {requested ? <Suspense fallback={null}>{renderDialog({ open, onOpenChange: setOpen, trigger })}</Suspense> : null}
    </>
  );
}
