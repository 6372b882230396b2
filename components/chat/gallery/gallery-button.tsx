"use client";
// "Media, links and files" in the chat header (issue 14): the gallery dialog (./gallery-dialog) is
// loaded on demand, so it is not in the first-load JavaScript.
import { Images } from "lucide-react";
import { lazy } from "react";
import { LazyDialogTrigger } from "@/components/ui/lazy-dialog-trigger";

const loadGalleryDialog = () => import("./gallery-dialog");
const GalleryDialog = lazy(loadGalleryDialog);

export function GalleryButton({ conversationId }: { conversationId: string }) {
  return (
    <LazyDialogTrigger
      label="Media, links and files"
      icon={<Images aria-hidden className="size-5" />}
      preload={loadGalleryDialog}
      renderDialog={(state) => <GalleryDialog {...state} conversationId={conversationId} />}
    />
  );
}
