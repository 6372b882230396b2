"use client";
// The group info panel (issue 15): a side sheet (Radix dialog) with the group's icon, name,
// description, creator and members (roles, who added them, joined dates), and what I may do: edit
// the name and description, upload or remove the icon,
// add people (from those I can reach: people search), remove members, make and dismiss admins,
// the group's settings, delete the group, leave it. Loaded on demand by GroupInfoButton
// (./group-info-button), which hands in the server actions (why: components/chat/new-group-dialog).
// It reads the panel's data when it opens and again whenever the chat's summary changes (a
// conversation:update from any member's change), so every member's panel follows live.
import * as Dialog from "@radix-ui/react-dialog";
import { Loader2, ShieldCheck, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useState, type RefObject } from "react";
import type { GroupInfo, GroupSettings } from "@/lib/chat/group-admin/dto";
import { GROUP_ADMIN_LIMITS } from "@/lib/chat/group-admin/limits";
import { CONVERSATION_LIMITS } from "@/lib/chat/conversations/limits";
import { callAction } from "@/lib/client/call-action";
import { notify } from "@/lib/client/notify";
import { invitationNotice } from "@/lib/chat/group-invitations/words";
import { dayMonthYear, shortDay } from "@/lib/client/format";
import { fetchConversation } from "@/lib/client/realtime/sync";
import { useMessageStore, useMessageStoreApi } from "@/lib/client/store/message-slices";
import { useUserSearch } from "@/lib/client/use-user-search";
import { GroupAvatar, UserAvatar } from "../user-avatar";
import type { GroupActions } from "./group-info-button";
import { InviteLinks } from "./invite-links";

const SETTING_LABELS: Record<keyof GroupSettings, string> = {
  adminsOnlyInfo: "Only admins can edit group info",
  adminsOnlySend: "Only admins can send messages",
  membersCanAdd: "Members can add people",
};

/** lib/storage/images.ts MAX_IMAGE_BYTES (the avatar pipeline's limit). */
const ICON_MAX_BYTES = 5 * 1024 * 1024;

const buttonClass =
  "rounded-lg border border-neutral-300 px-3 py-1.5 text-sm font-semibold hover:bg-neutral-50 disabled:opacity-60 dark:border-neutral-700 dark:hover:bg-neutral-800";
const inputClass =
  "rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-sky-500 dark:border-neutral-700 dark:bg-neutral-950";

export default function GroupInfoPanel({
  conversationId,
  open,
  onOpenChange,
  trigger,
  actions,
}: {
  conversationId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: RefObject<HTMLButtonElement | null>;
  actions: GroupActions;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            trigger.current?.focus();
          }}
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-sm flex-col bg-white shadow-xl dark:bg-neutral-900"
        >
          <div className="flex items-center justify-between border-b border-neutral-200 px-4 py-3 dark:border-neutral-800">
            <Dialog.Title className="text-lg font-semibold">Group info</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close">
              <X aria-hidden className="size-5" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">The group&apos;s name, description, members and settings.</Dialog.Description>
          {open ? <PanelBody conversationId={conversationId} actions={actions} onClose={() => onOpenChange(false)} /> : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function PanelBody({ conversationId, actions, onClose }: { conversationId: string; actions: GroupActions; onClose: () => void }) {
  const store = useMessageStoreApi();
  const router = useRouter();
  const me = useMessageStore((s) => s.me);
  // What of the summary the panel shows changes with every member's change (conversation:update →
  // the summary is read again): read the panel again then, not on every new message.
  const version = useMessageStore((s) => {
    const c = s.conversations[conversationId];
    return c
      ? [c.name, c.description, c.icon, JSON.stringify(c.settings), c.members.map((m) => `${m.id}:${m.role}:${m.name}`).join()].join("|")
      : "";
  });
  const [info, setInfo] = useState<GroupInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const next = await callAction(() => actions.groupInfo(conversationId));
    if (next) setInfo(next);
  }, [actions, conversationId]);
  useEffect(() => {
    let cancelled = false;
    actions
      .groupInfo(conversationId)
      .then((result) => {
        if (!cancelled && result.ok) setInfo(result.data);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [actions, conversationId, version]);

  /** Runs a change; on success the summary and the panel are read again at once (others follow by events). */
  const run = async <T,>(call: () => Promise<import("@/lib/http/action").ActionResult<T>>): Promise<T | null> => {
    setBusy(true);
    try {
      const result = await callAction(call);
      if (result !== null) {
        await fetchConversation(store, conversationId).catch(() => {});
        await load();
      }
      return result;
    } finally {
      setBusy(false);
    }
  };

  if (!info) {
    return (
      <p className="p-4 text-sm text-neutral-600 dark:text-neutral-400">
        <Loader2 aria-hidden className="mr-1 inline size-4 animate-spin" /> Loading…
      </p>
    );
  }
  const isAdmin = info.myRole === "admin";
  const nameOf = (user: { id: string; name: string | null }) => (user.id === me.id ? "You" : (user.name ?? "Parley user"));

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-5 overflow-y-auto p-4">
      <IconSection
        info={info}
        busy={busy}
        onUpload={async (file) => {
          // The server says the same (413); this spares sending a file it would refuse.
          if (file.size > ICON_MAX_BYTES) return notify.error("Images can be at most 5 MB.");
          const form = new FormData();
          form.set("icon", file);
          return run(() => actions.setIcon(conversationId, form));
        }}
        onRemove={() => {
          const form = new FormData();
          form.set("remove", "true");
          return run(() => actions.setIcon(conversationId, form));
        }}
      />
      <InfoSection info={info} busy={busy} onSave={(input) => run(() => actions.updateInfo(conversationId, input))} />
      <p className="text-xs text-neutral-600 dark:text-neutral-400" suppressHydrationWarning>
        {info.createdBy ? `Created by ${nameOf(info.createdBy)}, ` : "Created "}
        {dayMonthYear(info.createdAt)}
      </p>

      <section aria-labelledby="group-members-heading" className="flex flex-col gap-2">
        <h3 id="group-members-heading" className="text-sm font-semibold">
          {info.members.length} members
        </h3>
        {info.canAddMembers ? (
          <AddPeople
            memberIds={info.members.map((m) => m.id)}
            busy={busy}
            onAdd={async (userId) => {
              const added = await run(() => actions.addMembers(conversationId, [userId]));
              // Their "who can add me" says contacts (issue 15): invited, not added — say so.
              const notice = added?.invited ? invitationNotice(added.invited) : null;
              if (notice) notify.success(notice);
              return added;
            }}
          />
        ) : null}
        <ul aria-label="Members" className="flex flex-col">
          {info.members.map((member) => {
            const name = member.name ?? "Parley user";
            const others = isAdmin && member.id !== me.id;
            return (
              <li key={member.id} className="flex items-center gap-3 rounded-lg px-1 py-2" aria-label={member.id === me.id ? "You" : name}>
                <UserAvatar user={member} size={36} />
                <span className="flex min-w-0 flex-1 flex-col">
                  <span className="truncate text-sm font-medium">{member.id === me.id ? `${name} (you)` : name}</span>
                  <span className="text-xs text-neutral-600 dark:text-neutral-400" suppressHydrationWarning>
                    {member.creator
                      ? `Created the group · ${shortDay(member.joinedAt)}`
                      : member.addedBy
                        ? `Added by ${nameOf(member.addedBy)} · joined ${shortDay(member.joinedAt)}`
                        : `Joined ${shortDay(member.joinedAt)}`}
                  </span>
                </span>
                {member.role === "admin" ? (
                  <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
                    <ShieldCheck aria-hidden className="size-3.5" /> Admin
                  </span>
                ) : null}
                {others && !member.creator ? (
                  <span className="flex flex-col gap-1">
                    <button
                      type="button"
                      disabled={busy}
                      className="text-xs font-semibold text-sky-700 hover:underline disabled:opacity-60 dark:text-sky-400"
                      aria-label={member.role === "admin" ? `Dismiss ${name} as admin` : `Make ${name} an admin`}
                      onClick={() =>
                        void run(() => actions.setRole(conversationId, member.id, member.role === "admin" ? "member" : "admin"))
                      }
                    >
                      {member.role === "admin" ? "Dismiss as admin" : "Make admin"}
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      className="text-xs font-semibold text-red-700 hover:underline disabled:opacity-60 dark:text-red-400"
                      aria-label={`Remove ${name}`}
                      onClick={() => void run(() => actions.removeMember(conversationId, member.id))}
                    >
                      Remove
                    </button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      {isAdmin ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-semibold">Group settings</legend>
          {(Object.keys(SETTING_LABELS) as (keyof GroupSettings)[]).map((setting) => (
            <label key={setting} className="flex items-center gap-3 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-sky-600"
                checked={info.settings[setting]}
                disabled={busy}
                onChange={(e) => {
                  // Shown at once (a controlled box would wait for the server); read again if refused.
                  const on = e.target.checked;
                  setInfo((held) => (held ? { ...held, settings: { ...held.settings, [setting]: on } } : held));
                  void run(() => actions.updateSettings(conversationId, { [setting]: on })).then((saved) => {
                    if (saved === null) void load();
                  });
                }}
              />
              {SETTING_LABELS[setting]}
            </label>
          ))}
        </fieldset>
      ) : null}

      {isAdmin ? <InviteLinks conversationId={conversationId} actions={actions} /> : null}

      <DangerZone
        isAdmin={isAdmin}
        busy={busy}
        onLeave={async () => {
          if ((await callAction(() => actions.leave(conversationId))) === null) return;
          onClose();
          store.getState().removeConversation(conversationId);
          router.push("/chat");
        }}
        onDelete={async () => {
          if ((await callAction(() => actions.deleteGroup(conversationId))) === null) return;
          onClose();
          store.getState().removeConversation(conversationId);
          router.push("/chat");
        }}
      />
    </div>
  );
}

/** The group icon (or the members' avatars), and for whoever may edit the info: upload / remove. */
function IconSection({
  info,
  busy,
  onUpload,
  onRemove,
}: {
  info: GroupInfo;
  busy: boolean;
  onUpload: (file: File) => Promise<unknown>;
  onRemove: () => Promise<unknown>;
}) {
  const ids = useId();
  return (
    <section aria-label="Group icon" className="flex flex-col items-center gap-2">
      <GroupAvatar members={info.members} size={96} icon={info.icon} name={info.name} />
      {info.canEditInfo ? (
        <div className="flex gap-2">
          <label htmlFor={`${ids}-icon`} className={`${buttonClass} cursor-pointer focus-within:ring-2 focus-within:ring-sky-500`}>
            {info.icon ? "Change icon" : "Add icon"}
            <input
              id={`${ids}-icon`}
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              aria-label="Upload group icon"
              disabled={busy}
              className="sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void onUpload(file);
              }}
            />
          </label>
          {info.icon ? (
            <button type="button" disabled={busy} className={buttonClass} onClick={() => void onRemove()}>
              Remove icon
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function InfoSection({
  info,
  busy,
  onSave,
}: {
  info: GroupInfo;
  busy: boolean;
  onSave: (input: { name?: string; description?: string }) => Promise<unknown>;
}) {
  const ids = useId();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(info.name ?? "");
  const [description, setDescription] = useState(info.description ?? "");
  if (!editing) {
    return (
      <section aria-label="About this group" className="flex flex-col gap-1">
        <h3 className="text-xl font-semibold break-words">{info.name}</h3>
        {info.description ? (
          <p className="text-sm whitespace-pre-wrap break-words text-neutral-700 dark:text-neutral-300">{info.description}</p>
        ) : (
          <p className="text-sm text-neutral-500 italic dark:text-neutral-400">No description</p>
        )}
        {info.canEditInfo ? (
          <button
            type="button"
            className={`${buttonClass} mt-1 self-start`}
            onClick={() => {
              setName(info.name ?? "");
              setDescription(info.description ?? "");
              setEditing(true);
            }}
          >
            Edit group info
          </button>
        ) : null}
      </section>
    );
  }
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const input: { name?: string; description?: string } = {};
        if (name.trim() !== (info.name ?? "")) input.name = name;
        if (description.trim() !== (info.description ?? "")) input.description = description;
        if (Object.keys(input).length === 0) {
          setEditing(false);
          return;
        }
        void onSave(input).then((saved) => {
          if (saved !== null) setEditing(false);
        });
      }}
    >
      <label htmlFor={`${ids}-name`} className="text-sm font-medium">
        Group name
      </label>
      <input
        id={`${ids}-name`}
        value={name}
        maxLength={CONVERSATION_LIMITS.groupNameMax}
        onChange={(e) => setName(e.target.value)}
        className={inputClass}
        required
      />
      <label htmlFor={`${ids}-description`} className="text-sm font-medium">
        Description
      </label>
      <textarea
        id={`${ids}-description`}
        value={description}
        maxLength={GROUP_ADMIN_LIMITS.descriptionMax}
        onChange={(e) => setDescription(e.target.value)}
        rows={3}
        className={inputClass}
      />
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass} onClick={() => setEditing(false)}>
          Cancel
        </button>
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-60"
        >
          Save
        </button>
      </div>
    </form>
  );
}

function AddPeople({ memberIds, busy, onAdd }: { memberIds: string[]; busy: boolean; onAdd: (userId: string) => Promise<unknown> }) {
  const ids = useId();
  const [query, setQuery] = useState("");
  const { users, loading } = useUserSearch(query);
  const candidates = users.filter((user) => !memberIds.includes(user.id));
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${ids}-add`} className="sr-only">
        Search people to add
      </label>
      <input
        id={`${ids}-add`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Add people"
        autoComplete="off"
        className={inputClass}
      />
      {loading ? (
        <p className="p-1 text-sm text-neutral-600 dark:text-neutral-400">
          <Loader2 aria-hidden className="mr-1 inline size-4 animate-spin" /> Searching…
        </p>
      ) : null}
      {candidates.length > 0 ? (
        <ul aria-label="People to add" className="flex flex-col">
          {candidates.map((user) => (
            <li key={user.id} className="flex items-center gap-3 px-1 py-1.5">
              <UserAvatar user={user} size={28} />
              <span className="flex-1 truncate text-sm">{user.name ?? "Parley user"}</span>
              <button
                type="button"
                disabled={busy}
                className={buttonClass}
                aria-label={`Add ${user.name ?? "Parley user"}`}
                onClick={() => void onAdd(user.id).then((added) => added !== null && setQuery(""))}
              >
                Add
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function DangerZone({
  isAdmin,
  busy,
  onLeave,
  onDelete,
}: {
  isAdmin: boolean;
  busy: boolean;
  onLeave: () => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-label="Leave or delete" className="mt-auto flex flex-col gap-2 border-t border-neutral-200 pt-4 dark:border-neutral-800">
      <button type="button" disabled={busy} className={`${buttonClass} text-red-700 dark:text-red-400`} onClick={() => void onLeave()}>
        Leave group
      </button>
      {isAdmin && !confirming ? (
        <button
          type="button"
          disabled={busy}
          className={`${buttonClass} text-red-700 dark:text-red-400`}
          onClick={() => setConfirming(true)}
        >
          Delete group
        </button>
      ) : null}
      {isAdmin && confirming ? (
        <div role="alertdialog" aria-label="Delete this group?" className="flex flex-col gap-2 rounded-lg bg-red-50 p-3 dark:bg-red-950">
          <p className="text-sm">Delete this group for everyone? Its messages are deleted too.</p>
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass} onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button
              type="button"
              disabled={busy}
              className="rounded-lg bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
              onClick={() => void onDelete()}
            >
              Delete for everyone
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
