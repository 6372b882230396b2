"use client";
// "People": find someone by exact @username or verified email (or a person I already chat with or
// have as a contact by name), open the 1:1 with them or ask them to be a contact; without a query,
// my contact requests and contacts (./people/contacts-panel.tsx).
import { Loader2, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { startDirectConversationAction } from "@/app/(chat)/actions";
import { Button } from "@/components/ui/button";
import { PEOPLE_LIMITS } from "@/lib/chat/people/limits";
import type { Person } from "@/lib/chat/profiles/dto";
import { callAction } from "@/lib/client/call-action";
import { contactActions, ensureContacts, useContacts } from "@/lib/client/contacts";
import { isOnline, useChat, useChatStoreApi } from "@/lib/client/store";
import { useUserSearch } from "@/lib/client/use-user-search";
import { ContactsPanel } from "./people/contacts-panel";
import { PersonLine } from "./people/person-line";
import { UserAvatar } from "./user-avatar";

/** What I am to a person found: their contact, asked by me, asked by them, or nothing yet. */
function useRelation(): (userId: string) => "contact" | "requested" | "asked-me" | null {
  const { overview } = useContacts();
  return (userId) => {
    if (!overview) return null;
    if (overview.contacts.some((c) => c.id === userId)) return "contact";
    if (overview.outgoing.some((r) => r.user.id === userId)) return "requested";
    if (overview.incoming.some((r) => r.user.id === userId)) return "asked-me";
    return null;
  };
}

function AddContact({ user }: { user: Person }) {
  const relation = useRelation()(user.id);
  const [busy, setBusy] = useState(false);
  if (relation === "contact") return <span className="text-xs text-neutral-600 dark:text-neutral-400">Contact</span>;
  if (relation === "requested") return <span className="text-xs text-neutral-600 dark:text-neutral-400">Requested</span>;
  return (
    <Button
      variant="secondary"
      className="!px-2.5 !py-1 text-xs"
      disabled={busy}
      aria-label={`${relation === "asked-me" ? "Accept" : "Add"} ${user.name ?? "Parley user"} as a contact`}
      onClick={async () => {
        setBusy(true);
        await contactActions.request(user.id);
        setBusy(false);
      }}
    >
      {relation === "asked-me" ? "Accept" : "Add contact"}
    </Button>
  );
}

export function PeopleSearch({ onStarted }: { onStarted?: () => void }) {
  const [query, setQuery] = useState("");
  const { users, loading, error } = useUserSearch(query);
  const [starting, setStarting] = useState<string | null>(null);
  const presence = useChat((s) => s.presence);
  const store = useChatStoreApi();
  const router = useRouter();
  const inputId = useId();
  useEffect(ensureContacts, []);

  const start = async (userId: string) => {
    setStarting(userId);
    const started = await callAction(() => startDirectConversationAction(userId));
    setStarting(null);
    if (!started) return;
    store.getState().upsertConversation(started.conversation);
    router.push(`/chat/${started.conversation.id}`);
    onStarted?.();
  };

  return (
    <section aria-labelledby={`${inputId}-heading`} className="flex flex-col gap-2 px-4 pb-4">
      <h2 id={`${inputId}-heading`} className="sr-only">
        People
      </h2>
      <label htmlFor={inputId} className="text-sm font-medium text-neutral-700 dark:text-neutral-300">
        Search people
      </label>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-neutral-500" />
        <input
          id={inputId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="@username, email or a contact's name"
          autoComplete="off"
          className="w-full rounded-full border border-neutral-300 bg-white py-2 pr-3 pl-9 text-sm outline-none focus:ring-2 focus:ring-sky-500 dark:border-neutral-700 dark:bg-neutral-950"
        />
      </div>
      <div aria-live="polite" className="text-sm text-neutral-600 dark:text-neutral-400">
        {loading
          ? "Searching…"
          : error
            ? error
            : query.trim().length >= PEOPLE_LIMITS.userQueryMin && users.length === 0
              ? "Nobody found."
              : !query.trim()
                ? "Find people by their @username or email address, or someone you chat with by name."
                : query.trim().length < PEOPLE_LIMITS.userQueryMin
                  ? `Type at least ${PEOPLE_LIMITS.userQueryMin} letters.`
                  : ""}
      </div>
      {users.length > 0 ? (
        <ul aria-label="People found" className="flex flex-col gap-0.5">
          {users.map((user) => (
            <li key={user.id} className="flex items-center gap-1">
              <button
                type="button"
                onClick={() => void start(user.id)}
                disabled={starting !== null}
                className="flex min-w-0 flex-1 items-center gap-3 rounded-xl px-2 py-2 text-left hover:bg-neutral-200/60 disabled:opacity-60 dark:hover:bg-neutral-800"
              >
                <UserAvatar user={user} size={40} online={isOnline(presence, user.id)} />
                <PersonLine user={user} prefix="Message" />
                {starting === user.id ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
              </button>
              <AddContact user={user} />
            </li>
          ))}
        </ul>
      ) : null}
      {!query.trim() ? <ContactsPanel onOpen={(userId) => void start(userId)} busy={starting !== null} /> : null}
    </section>
  );
}
