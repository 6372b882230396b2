"use client";
// The People tab without a query (issue 15): group invitations (Accept: I join the group / Decline),
// contact requests (received: Accept / Decline / Block; sent: Cancel) and my contacts, alphabetical, with a filter and their presence (as the chat list knows
// it). Part of the People view's chunk: nothing here is in /chat's first load.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ContactRequestDto } from "@/lib/chat/contacts/dto";
import type { GroupInvitationDto } from "@/lib/chat/group-invitations/dto";
import { contactActions, useContacts } from "@/lib/client/contacts";
import { chatApi } from "@/lib/client/api";
import { isOnline, useChat, useChatStoreApi } from "@/lib/client/store";
import { UserAvatar } from "../user-avatar";
import { PersonLine } from "./person-line";

const small = "!px-2.5 !py-1 text-xs";

function RequestRow({ request, incoming }: { request: ContactRequestDto; incoming: boolean }) {
  const [busy, setBusy] = useState(false);
  const name = request.user.name ?? "Parley user";
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  return (
    <li className="flex items-center gap-3 rounded-xl px-2 py-2">
      <UserAvatar user={request.user} size={36} />
      <PersonLine user={request.user} detail={incoming ? "Wants to add you as a contact" : "Request sent"} />
      {incoming ? (
        <>
          <Button
            className={small}
            disabled={busy}
            aria-label={`Accept ${name}`}
            onClick={() => void run(() => contactActions.respond(request.id, true))}
          >
            Accept
          </Button>
          <Button
            variant="secondary"
            className={small}
            disabled={busy}
            aria-label={`Decline ${name}`}
            onClick={() => void run(() => contactActions.respond(request.id, false))}
          >
            Decline
          </Button>
          <Button
            variant="secondary"
            className={small}
            disabled={busy}
            aria-label={`Block ${name}`}
            onClick={() => void run(() => contactActions.block(request.user.id))}
          >
            Block
          </Button>
        </>
      ) : (
        <Button
          variant="secondary"
          className={small}
          disabled={busy}
          aria-label={`Cancel request to ${name}`}
          onClick={() => void run(() => contactActions.cancel(request.id))}
        >
          Cancel
        </Button>
      )}
    </li>
  );
}

function InvitationRow({ invitation }: { invitation: GroupInvitationDto }) {
  const store = useChatStoreApi();
  const [busy, setBusy] = useState(false);
  const group = invitation.group.name ?? "a group";
  const inviter = invitation.inviter.name ?? "Parley user";
  const answer = async (accept: boolean) => {
    setBusy(true);
    const result = await contactActions.answerInvitation(invitation.id, accept);
    // Joined: the group is in my list at once (conversation:new follows for my other tabs).
    if (result?.joined) {
      const joined = await chatApi.getConversation(result.conversationId).catch(() => null);
      if (joined) store.getState().upsertConversation(joined.conversation);
    }
    setBusy(false);
  };
  return (
    <li className="flex items-center gap-3 rounded-xl px-2 py-2">
      <UserAvatar user={invitation.inviter} size={36} />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="truncate text-sm font-medium">{group}</span>
        <span className="truncate text-xs text-neutral-600 dark:text-neutral-400">
          {inviter} invited you · {invitation.group.memberCount} member{invitation.group.memberCount === 1 ? "" : "s"}
        </span>
      </span>
      <Button className={small} disabled={busy} aria-label={`Join ${group}`} onClick={() => void answer(true)}>
        Accept
      </Button>
      <Button
        variant="secondary"
        className={small}
        disabled={busy}
        aria-label={`Decline invitation to ${group}`}
        onClick={() => void answer(false)}
      >
        Decline
      </Button>
    </li>
  );
}

export function ContactsPanel({ onOpen, busy }: { onOpen: (userId: string) => void; busy: boolean }) {
  const { overview, error } = useContacts();
  const presence = useChat((s) => s.presence);
  const [filter, setFilter] = useState("");
  const filterId = useId();
  if (!overview) return <p className="text-sm text-neutral-600 dark:text-neutral-400">{error ?? "Loading contacts…"}</p>;
  const { incoming, outgoing, contacts, groupInvitations } = overview;
  const wanted = filter.trim().toLowerCase();
  const shown = wanted
    ? contacts.filter((c) => (c.name ?? "").toLowerCase().includes(wanted) || (c.username ?? "").includes(wanted.replace(/^@/, "")))
    : contacts;
  return (
    <div className="flex flex-col gap-4">
      {groupInvitations.length > 0 ? (
        <section aria-labelledby={`${filterId}-invitations`} className="flex flex-col gap-1">
          <h3 id={`${filterId}-invitations`} className="text-sm font-semibold">
            Group invitations
          </h3>
          <ul aria-label="Group invitations" className="flex flex-col gap-0.5">
            {groupInvitations.map((invitation) => (
              <InvitationRow key={invitation.id} invitation={invitation} />
            ))}
          </ul>
        </section>
      ) : null}
      {incoming.length + outgoing.length > 0 ? (
        <section aria-labelledby={`${filterId}-requests`} className="flex flex-col gap-1">
          <h3 id={`${filterId}-requests`} className="text-sm font-semibold">
            Contact requests
          </h3>
          <ul aria-label="Contact requests" className="flex flex-col gap-0.5">
            {incoming.map((request) => (
              <RequestRow key={request.id} request={request} incoming />
            ))}
            {outgoing.map((request) => (
              <RequestRow key={request.id} request={request} incoming={false} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby={`${filterId}-contacts`} className="flex flex-col gap-2">
        <h3 id={`${filterId}-contacts`} className="text-sm font-semibold">
          Contacts ({contacts.length})
        </h3>
        {contacts.length > 0 ? (
          <input
            type="search"
            aria-label="Filter contacts"
            placeholder="Filter contacts"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="w-full rounded-full border border-neutral-300 bg-white px-3 py-1.5 text-sm outline-none focus:ring-2 focus:ring-sky-500 dark:border-neutral-700 dark:bg-neutral-950"
          />
        ) : (
          <p className="text-sm text-neutral-600 dark:text-neutral-400">No contacts yet. Find people by @username or email and add them.</p>
        )}
        {contacts.length > 0 && shown.length === 0 ? (
          <p className="text-sm text-neutral-600 dark:text-neutral-400">No contact matches.</p>
        ) : null}
        <ul aria-label="Contacts" className="flex flex-col gap-0.5">
          {shown.map((contact) => (
            <li key={contact.id} className="flex items-center gap-1">
              <button
                type="button"
                onClick={() => onOpen(contact.id)}
                disabled={busy}
                className="flex min-w-0 flex-1 items-center gap-3 rounded-xl px-2 py-2 text-left hover:bg-neutral-200/60 disabled:opacity-60 dark:hover:bg-neutral-800"
              >
                <UserAvatar user={contact} size={36} online={isOnline(presence, contact.id)} />
                <PersonLine user={contact} prefix="Message" />
              </button>
              <Button
                variant="secondary"
                className={small}
                aria-label={`Remove ${contact.name ?? "Parley user"} from contacts`}
                onClick={() => void contactActions.remove(contact.id)}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
