"use client";
// "People": find someone by name (or exact email) and open the 1:1 conversation with them.
import { Loader2, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { startDirectConversationAction } from "@/app/(chat)/actions";
import { PEOPLE_LIMITS } from "@/lib/chat/people/limits";
import { callAction } from "@/lib/client/call-action";
import { isOnline, useChat, useChatStoreApi } from "@/lib/client/store";
import { useUserSearch } from "@/lib/client/use-user-search";
import { UserAvatar } from "./user-avatar";

export function PeopleSearch({ onStarted }: { onStarted?: () => void }) {
  const [query, setQuery] = useState("");
  const { users, loading, error } = useUserSearch(query);
  const [starting, setStarting] = useState<string | null>(null);
  const presence = useChat((s) => s.presence);
  const store = useChatStoreApi();
  const router = useRouter();
  const inputId = useId();

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
          placeholder="Name or email"
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
                ? "Type a name to find people."
                : query.trim().length < PEOPLE_LIMITS.userQueryMin
                  ? `Type at least ${PEOPLE_LIMITS.userQueryMin} letters.`
                  : ""}
      </div>
      {users.length > 0 ? (
        <ul aria-label="People found" className="flex flex-col gap-0.5">
          {users.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                onClick={() => void start(user.id)}
                disabled={starting !== null}
                className="flex w-full items-center gap-3 rounded-xl px-2 py-2 text-left hover:bg-neutral-200/60 disabled:opacity-60 dark:hover:bg-neutral-800"
              >
                <UserAvatar user={user} size={40} online={isOnline(presence, user.id)} />
                <span className="min-w-0 flex-1 truncate font-medium">
                  <span className="sr-only">Message </span>
                  {user.name ?? "Parley user"}
                </span>
                {starting === user.id ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
