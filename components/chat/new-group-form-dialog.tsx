"use client";
// The "New group" dialog: an accessible dialog (Radix) with a react-hook-form + zod form: a name
// and at least two other members picked from a people search, submitted to createGroupAction (a
// server action). Loaded on demand by NewGroupDialog (./new-group-dialog), which renders the
// trigger button and hands in the action.
import { callAction } from "@/lib/client/call-action";
import { notify } from "@/lib/client/notify";
import { invitationNotice } from "@/lib/chat/group-invitations/words";
import { zodResolver } from "@hookform/resolvers/zod";
import * as Dialog from "@radix-ui/react-dialog";
import { Check, Loader2, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { CONVERSATION_LIMITS as LIMITS } from "@/lib/chat/conversations/limits";
import type { createGroupAction } from "@/app/(chat)/actions";
import { useChatStoreApi } from "@/lib/client/store";
import { useUserSearch } from "@/lib/client/use-user-search";
import { Modal } from "@/components/ui/modal";
import { UserAvatar } from "./user-avatar";

const groupFormSchema = z.object({
  name: z.string().trim().min(1, "Give the group a name.").max(LIMITS.groupNameMax, `At most ${LIMITS.groupNameMax} characters.`),
  members: z
    .array(z.object({ id: z.string(), name: z.string().nullable(), image: z.string().nullable() }))
    .min(LIMITS.groupOtherMembersMin, `Pick at least ${LIMITS.groupOtherMembersMin} people.`)
    .max(LIMITS.groupMembersMax - 1, `At most ${LIMITS.groupMembersMax - 1} people.`),
});
type GroupForm = z.infer<typeof groupFormSchema>;

export default function NewGroupFormDialog({
  open,
  onOpenChange,
  trigger,
  createGroup,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog: focus returns to it on close (it is not a Radix Trigger). */
  trigger: React.RefObject<HTMLButtonElement | null>;
  /** createGroupAction, passed in by NewGroupDialog (see there why). */
  createGroup: typeof createGroupAction;
}) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} returnFocusTo={trigger} className="flex max-h-[90dvh] max-w-md flex-col">
      <div className="mb-3 flex items-center justify-between">
        <Dialog.Title className="text-lg font-semibold">New group</Dialog.Title>
        <Dialog.Close className="icon-button" aria-label="Close">
          <X aria-hidden className="size-5" />
        </Dialog.Close>
      </div>
      <Dialog.Description className="mb-4 text-sm text-neutral-600 dark:text-neutral-400">
        Name the group and add at least two people.
      </Dialog.Description>
      {open ? <GroupFormBody createGroup={createGroup} onDone={() => onOpenChange(false)} /> : null}
    </Modal>
  );
}

function GroupFormBody({ createGroup, onDone }: { createGroup: typeof createGroupAction; onDone: () => void }) {
  const router = useRouter();
  const store = useChatStoreApi();
  const ids = useId();
  const [query, setQuery] = useState("");
  const { users, loading } = useUserSearch(query);
  const {
    register,
    control,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<GroupForm>({ resolver: zodResolver(groupFormSchema), defaultValues: { name: "", members: [] } });

  const onSubmit = handleSubmit(async (values) => {
    const conversation = await callAction(() => createGroup({ name: values.name, memberIds: values.members.map((m) => m.id) }));
    if (!conversation) return;
    const { invited, ...summary } = conversation;
    store.getState().upsertConversation(summary);
    // Some accept group adds only from their contacts (issue 15): they were sent an invitation.
    const notice = invited ? invitationNotice(invited) : null;
    if (notice) notify.success(notice);
    onDone();
    router.push(`/chat/${conversation.id}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex min-h-0 flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${ids}-name`} className="text-sm font-medium">
          Group name
        </label>
        <input
          id={`${ids}-name`}
          {...register("name")}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${ids}-name-error` : undefined}
          className="rounded-lg border border-neutral-300 bg-white px-3 py-2 outline-none focus:ring-2 focus:ring-sky-500 dark:border-neutral-700 dark:bg-neutral-950"
        />
        {errors.name ? (
          <p id={`${ids}-name-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
            {errors.name.message}
          </p>
        ) : null}
      </div>

      <Controller
        control={control}
        name="members"
        render={({ field }) => {
          const selected = field.value as SafeUser[];
          const toggle = (user: SafeUser) =>
            field.onChange(selected.some((m) => m.id === user.id) ? selected.filter((m) => m.id !== user.id) : [...selected, user]);
          return (
            <fieldset className="flex min-h-0 flex-col gap-2" aria-describedby={errors.members ? `${ids}-members-error` : undefined}>
              <legend className="mb-1.5 text-sm font-medium">Members</legend>
              {selected.length > 0 ? (
                <ul aria-label="Selected members" className="flex flex-wrap gap-1.5">
                  {selected.map((m) => (
                    <li key={m.id}>
                      <button
                        type="button"
                        onClick={() => toggle(m)}
                        className="inline-flex items-center gap-1 rounded-full bg-sky-100 py-1 pr-2 pl-1 text-sm text-sky-900 hover:bg-sky-200 dark:bg-sky-900 dark:text-sky-100"
                      >
                        <UserAvatar user={m} size={20} />
                        {m.name ?? "Parley user"}
                        <X aria-hidden className="size-3.5" />
                        <span className="sr-only">(remove)</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              <label htmlFor={`${ids}-search`} className="sr-only">
                Search people to add
              </label>
              <input
                id={`${ids}-search`}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="Search people to add"
                autoComplete="off"
                className="rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-sky-500 dark:border-neutral-700 dark:bg-neutral-950"
              />
              <div className="min-h-0 flex-1 overflow-y-auto" style={{ maxHeight: 240 }}>
                {loading ? (
                  <p className="p-2 text-sm text-neutral-600 dark:text-neutral-400">
                    <Loader2 aria-hidden className="mr-1 inline size-4 animate-spin" /> Searching…
                  </p>
                ) : null}
                <ul aria-label="Search results" className="flex flex-col">
                  {users.map((user) => {
                    const checked = selected.some((m) => m.id === user.id);
                    return (
                      <li key={user.id}>
                        <label className="flex cursor-pointer items-center gap-3 rounded-lg px-2 py-1.5 hover:bg-neutral-100 dark:hover:bg-neutral-800">
                          <input type="checkbox" checked={checked} onChange={() => toggle(user)} className="size-4 accent-sky-600" />
                          <UserAvatar user={user} size={32} />
                          <span className="flex-1 truncate text-sm">{user.name ?? "Parley user"}</span>
                          {checked ? <Check aria-hidden className="size-4 text-sky-600" /> : null}
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </div>
              {errors.members ? (
                <p id={`${ids}-members-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
                  {errors.members.message ?? errors.members.root?.message}
                </p>
              ) : null}
            </fieldset>
          );
        }}
      />

      <div className="flex justify-end gap-2">
        <Dialog.Close className="rounded-lg border border-neutral-300 px-4 py-2 text-sm font-semibold hover:bg-neutral-50 dark:border-neutral-700 dark:hover:bg-neutral-800">
          Cancel
        </Dialog.Close>
        <button
          type="submit"
          disabled={isSubmitting}
          className="inline-flex items-center gap-2 rounded-lg bg-sky-700 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-60"
        >
          {isSubmitting ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
          Create group
        </button>
      </div>
    </form>
  );
}
