"use client";
// "New group": the sidebar button. The dialog with its form (Radix, react-hook-form, zod:
// ./new-group-form-dialog) is loaded on demand, so none of it is in the first-load JavaScript.
// Its server action (createGroupAction) is imported here and handed to it: a server action
// imported only by a lazy chunk makes Turbopack split React's server-call runtime out of the
// framework chunk, which costs more first-load bytes (+0.2 kB gzip) than the action reference.
import { UsersRound } from "lucide-react";
import { lazy } from "react";
import { createGroupAction } from "@/app/(chat)/actions";
import { LazyDialogTrigger } from "@/components/ui/lazy-dialog-trigger";

const loadFormDialog = () => import("./new-group-form-dialog");
const NewGroupFormDialog = lazy(loadFormDialog);

export function NewGroupDialog() {
  return (
    <LazyDialogTrigger
      label="New group"
      icon={<UsersRound aria-hidden className="size-5" />}
      preload={loadFormDialog}
      renderDialog={(state) => <NewGroupFormDialog {...state} createGroup={createGroupAction} />}
    />
  );
}
