"use client";
// Full-size image viewer (Radix dialog: focus trapped, Escape closes, focus returns to the image).
import * as Dialog from "@radix-ui/react-dialog";
import { Download, X } from "lucide-react";

export function ImageViewer({
  src,
  alt,
  open,
  onOpenChange,
}: {
  src: string;
  alt: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/85" />
        <Dialog.Content className="fixed inset-0 z-50 flex flex-col items-center justify-center p-4" aria-describedby={undefined}>
          <Dialog.Title className="sr-only">{alt}</Dialog.Title>
          <div className="absolute top-3 right-3 flex gap-2">
            <a
              href={src}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex size-10 items-center justify-center rounded-full bg-white/10 text-white hover:bg-white/20"
              aria-label="Open original in a new tab"
            >
              <Download aria-hidden className="size-5" />
            </a>
            <Dialog.Close
              className="inline-flex size-10 items-center justify-center rounded-full bg-white/10 text-white hover:bg-white/20"
              aria-label="Close image"
            >
              <X aria-hidden className="size-5" />
            </Dialog.Close>
          </div>
          {/* eslint-disable-next-line @next/next/no-img-element -- user uploads of any size */}
          <img src={src} alt={alt} className="max-h-full max-w-full rounded-lg object-contain" />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
