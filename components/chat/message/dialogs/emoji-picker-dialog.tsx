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
        <EmojiPicker.Viewport className="relative flex-1 outline-hidden">
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
              Row: ({ children, ...props }) => (
                <div className="scroll-my-1.5" {...props}>
                  {children}
                </div>
              ),
              Emoji: ({ emoji, ...props }) => (
                <button
                  className="flex size-9 items-center justify-center rounded-md text-xl data-[active]:bg-neutral-100 dark:data-[active]:bg-neutral-800"
                  aria-label={emoji.label}
                  {...props}
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
