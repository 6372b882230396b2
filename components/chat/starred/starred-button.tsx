"use client";
// "Starred messages": the sidebar button. The dialog (./starred-dialog) is loaded on demand, so it
// is not in the first-load JavaScript.
import { Star } from "lucide-react";
import { lazy } from "react";
import { LazyDialogTrigger } from "@/components/ui/lazy-dialog-trigger";

const loadStarredDialog = () => import("./starred-dialog");
const StarredDialog = lazy(loadStarredDialog);

export function StarredButton() {
  return (
    <LazyDialogTrigger
      label="Starred messages"
      icon={<Star aria-hidden className="size-5" />}
      preload={loadStarredDialog}
      renderDialog={(state) => <StarredDialog {...state} />}
    />
  );
}
