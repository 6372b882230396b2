"use client";
// "New group": the sidebar button. The dialog with its form (Radix, react-hook-form, zod:
// ./new-group-form-dialog) is loaded on demand, so none of it is in the first-load JavaScript;
// the download starts as soon as the pointer or focus reaches the button.
import { UsersRound } from "lucide-react";
import { lazy, Suspense, useRef, useState } from "react";

const loadFormDialog = () => import("./new-group-form-dialog");
const NewGroupFormDialog = lazy(loadFormDialog);

export function NewGroupDialog() {
  const [open, setOpen] = useState(false);
  // Stays mounted after the first open, so closing behaves like any Radix dialog.
  const [requested, setRequested] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const preload = () => void loadFormDialog().catch(() => {});
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="icon-button"
        aria-label="New group"
        title="New group"
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={preload}
        onFocus={preload}
        onClick={() => {
          setRequested(true);
          setOpen(true);
        }}
      >
        <UsersRound aria-hidden className="size-5" />
      </button>
      {requested ? (
        <Suspense fallback={null}>
          <NewGroupFormDialog open={open} onOpenChange={setOpen} trigger={trigger} />
        </Suspense>
      ) : null}
    </>
  );
}
