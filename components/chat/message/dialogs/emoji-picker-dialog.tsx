"use client";
// The full emoji picker (frimousse) in a dialog: search, categories, keyboard navigation; the
// chosen emoji toggles my reaction. Its data is self-served (lib/client/emoji-data.ts), and this
// module is loaded only when a picker opens, so neither is in the first-load JavaScript.
import * as Dialog from "@radix-ui/react-dialog";
import { EmojiPicker } from "frimousse";
import { Modal } from "@/components/ui/modal";
import { loadEmojiData } from "@/lib/client/emoji-data";
import { toggleReaction } from "@/lib/client/message-actions";
import type { MessageDialogProps } from "../message-dialogs";

export default function EmojiPickerDialog({ message, ctx, onClose, returnFocusTo }: MessageDialogProps) {
  return (
    <Modal open onOpenChange={(open) => !open && onClose()} returnFocusTo={returnFocusTo} className="max-w-sm p-3">
      <Dialog.Title className="px-1 pb-2 text-base font-semibold">Add a reaction</Dialog.Title>
      <Dialog.Description className="sr-only">Search or browse, then choose an emoji.</Dialog.Description>
      <EmojiPicker.Root
        className="isolate flex h-80 w-full flex-col"
        resolveEmojiData={() => loadEmojiData()}
        columns={8}
        onEmojiSelect={({ emoji }) => {
          onClose();
          void toggleReaction(ctx.store, message, emoji);
        }}
      >
        <EmojiPicker.Search
          aria-label="Search emoji"
          placeholder="Search emoji"
          className="z-10 mb-2 w-full rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm dark:border-neutral-700 dark:bg-neutral-950"
        />
        {/* Focusable, so the scrolling list is reachable by keyboard (axe: scrollable-region-focusable). */}
        <EmojiPicker.Viewport
          tabIndex={0}
          aria-label="Emoji"
          className="relative flex-1 outline-hidden focus-visible:ring-2 focus-visible:ring-sky-500"
        >
          <EmojiPicker.Loading className="absolute inset-0 flex items-center justify-center text-sm text-neutral-600 dark:text-neutral-400">
            Loading…
          </EmojiPicker.Loading>
          <EmojiPicker.Empty className="absolute inset-0 flex items-center justify-center text-sm text-neutral-600 dark:text-neutral-400">
            No emoji found.
          </EmojiPicker.Empty>
          <EmojiPicker.List
            className="pb-1.5 select-none"
            components={{
              CategoryHeader: ({ category, ...props }) => (
                <div
                  className="bg-white px-1 pt-3 pb-1.5 text-xs font-semibold text-neutral-600 dark:bg-neutral-900 dark:text-neutral-400"
                  {...props}
                >
                  {category.label}
                </div>
              ),
              // frimousse 0.4 numbers rows and cells from 0; ARIA's aria-rowindex/aria-colindex start at
              // 1 (axe: aria-valid-attr-value). Its keyboard scrolling finds the active row by
              // aria-rowindex, so once shifted it finds the row above: a bottom scroll margin of one
              // more row (36 px) keeps the active row itself in view.
              Row: ({ children, ...props }) => (
                <div className="scroll-mt-1.5 scroll-mb-[42px]" {...props} {...oneBased(props)}>
                  {children}
                </div>
              ),
              Emoji: ({ emoji, ...props }) => (
                <button
                  className="flex size-9 items-center justify-center rounded-md text-xl data-[active]:bg-neutral-100 dark:data-[active]:bg-neutral-800"
                  aria-label={emoji.label}
                  {...props}
                  {...oneBased(props)}
                >
                  {emoji.emoji}
                </button>
              ),
            }}
          />
        </EmojiPicker.Viewport>
      </EmojiPicker.Root>
    </Modal>
  );
}

/** ARIA row/column indices are 1-based; frimousse passes 0-based ones. */
function oneBased(props: { "aria-rowindex"?: number; "aria-colindex"?: number }) {
  const index = (value: number | undefined) => (typeof value === "number" ? value + 1 : undefined);
  return {
    ...(props["aria-rowindex"] !== undefined ? { "aria-rowindex": index(props["aria-rowindex"]) } : {}),
    ...(props["aria-colindex"] !== undefined ? { "aria-colindex": index(props["aria-colindex"]) } : {}),
  };
}
