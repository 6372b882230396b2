"use client";
// Search above the chat list: Chats (by name or member, from the list held in the store), Messages
// (GET /api/search: snippet with the match marked, sender, chat, date) and People I can reach
// (GET /api/users: lib/chat/people/reach.ts decides who that is). A combobox: arrow keys move
// through the results, Enter opens one, Escape clears. Opening a message asks the conversation view
// to jump to it (store `requestJump`). The filters (from, chat, dates, has) narrow the messages;
// while one is set, only messages are listed. Loaded after hydration.
import { Search, SlidersHorizontal, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type ReactNode } from "react";
import { startDirectConversationAction } from "@/app/(chat)/actions";
import { foldForSearch } from "@/lib/chat/search/normalize";
import { SEARCH_LIMITS } from "@/lib/chat/search/limits";
import { callAction } from "@/lib/client/call-action";
import { conversationTitle, useChat } from "@/lib/client/store";
import { useMessageStoreApi } from "@/lib/client/store/message-slices";
import { dayLabel } from "@/lib/client/format";
import { useMessageSearch } from "@/lib/client/use-message-search";
import { useUserSearch } from "@/lib/client/use-user-search";
import { NO_FILTERS, SearchFilters, activeFilterCount, toSearchFilters, type FilterValues } from "./search-filters";
import { SnippetText } from "./snippet-text";
import { UserAvatar } from "../user-avatar";

interface Entry {
  key: string;
  group: "Chats" | "Messages" | "People";
  open: () => void;
  render: () => ReactNode;
}

export function GlobalSearch({ onActiveChange }: { onActiveChange: (active: boolean) => void }) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [filters, setFilters] = useState<FilterValues>(NO_FILTERS);
  const [showFilters, setShowFilters] = useState(false);
  const me = useChat((s) => s.me);
  const conversations = useChat((s) => s.conversations);
  const store = useMessageStoreApi();
  const router = useRouter();
  const listId = useId();
  const filtersId = useId();
  const typed = query.trim();
  const searching = typed.length > 0;
  const filtered = activeFilterCount(filters) > 0;
  const messages = useMessageSearch(query, toSearchFilters(filters));
  const people = useUserSearch(filtered ? "" : query);

  // Who and which chats the filters offer: the people and chats of my conversation list.
  const filterPeople = useMemo(() => {
    const byId = new Map<string, string>([[me.id, "You"]]);
    for (const c of Object.values(conversations)) for (const m of c.members) if (!byId.has(m.id)) byId.set(m.id, m.name ?? "Parley user");
    return [...byId]
      .map(([id, label]) => ({ id, label }))
      .sort((a, b) => (a.id === me.id ? -1 : b.id === me.id ? 1 : a.label.localeCompare(b.label)));
  }, [conversations, me.id]);
  const filterChats = useMemo(
    () =>
      Object.values(conversations)
        .map((c) => ({ id: c.id, label: conversationTitle(c, me.id) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [conversations, me.id],
  );

  const chats = useMemo(() => {
    const words = foldForSearch(typed).split(/\s+/).filter(Boolean);
    if (words.length === 0 || filtered) return [];
    return Object.values(conversations)
      .filter((c) => {
        const haystack = foldForSearch([conversationTitle(c, me.id), ...c.members.map((m) => m.name ?? "")].join(" "));
        return words.every((w) => haystack.includes(w));
      })
      .slice(0, 5);
  }, [conversations, typed, me.id, filtered]);

  const close = () => {
    setQuery("");
    setFilters(NO_FILTERS);
    setShowFilters(false);
    setActive(0);
    onActiveChange(false);
  };

  const entries: Entry[] = [
    ...chats.map((c): Entry => ({
      key: `c-${c.id}`,
      group: "Chats",
      open: () => router.push(`/chat/${c.id}`),
      render: () => <span className="truncate font-medium">{conversationTitle(c, me.id)}</span>,
    })),
    ...messages.hits.map((hit): Entry => {
      const chat = conversations[hit.message.conversationId];
      return {
        key: `m-${hit.message.id}`,
        group: "Messages",
        open: () => {
          store.getState().requestJump(hit.message.conversationId, hit.message.id);
          router.push(`/chat/${hit.message.conversationId}`);
        },
        render: () => (
          <span className="flex min-w-0 flex-col">
            <span className="flex gap-2 text-xs text-neutral-600 dark:text-neutral-400">
              <span className="truncate font-semibold">
                {hit.message.sender.id === me.id ? "You" : (hit.message.sender.name ?? "Parley user")}
              </span>
              {chat ? <span className="truncate">in {conversationTitle(chat, me.id)}</span> : null}
              <span className="ml-auto shrink-0" suppressHydrationWarning>
                {dayLabel(hit.message.createdAt)}
              </span>
            </span>
            <span className="line-clamp-2 text-sm">{hit.snippet.length ? <SnippetText segments={hit.snippet} /> : "Photo"}</span>
          </span>
        ),
      };
    }),
    ...people.users.slice(0, 5).map((user): Entry => ({
      key: `p-${user.id}`,
      group: "People",
      open: () => {
        void callAction(() => startDirectConversationAction(user.id)).then((started) => {
          if (!started) return;
          store.getState().upsertConversation(started.conversation);
          router.push(`/chat/${started.conversation.id}`);
        });
      },
      render: () => (
        <span className="flex items-center gap-2">
          <UserAvatar user={user} size={28} />
          <span className="truncate font-medium">{user.name ?? "Parley user"}</span>
        </span>
      ),
    })),
  ];
  const current = Math.min(active, Math.max(0, entries.length - 1));
  const optionId = (i: number) => `${listId}-o${i}`;
  const loading = messages.loading || people.loading;

  return (
    <div className={searching ? "flex min-h-0 flex-1 flex-col px-4 pb-2" : "px-4 pb-2"}>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-neutral-500" />
        <input
          type="search"
          role="combobox"
          aria-label="Search chats, messages and people"
          aria-expanded={searching}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={searching && entries.length > 0 ? optionId(current) : undefined}
          value={query}
          maxLength={SEARCH_LIMITS.queryMax}
          placeholder="Search"
          autoComplete="off"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            onActiveChange(e.target.value.trim().length > 0);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" && entries.length) {
              e.preventDefault();
              setActive((current + 1) % entries.length);
            } else if (e.key === "ArrowUp" && entries.length) {
              e.preventDefault();
              setActive((current - 1 + entries.length) % entries.length);
            } else if (e.key === "Enter" && entries[current]) {
              e.preventDefault();
              entries[current].open();
            } else if (e.key === "Escape") {
              close();
            }
          }}
          className="w-full rounded-full border border-neutral-300 bg-white py-2 pr-16 pl-9 text-sm outline-none focus:ring-2 focus:ring-sky-500 dark:border-neutral-700 dark:bg-neutral-950"
        />
        {searching ? (
          <button
            type="button"
            onClick={close}
            aria-label="Clear search"
            className="absolute top-1/2 right-9 -translate-y-1/2 rounded-full p-1 hover:bg-neutral-200 dark:hover:bg-neutral-800"
          >
            <X aria-hidden className="size-4" />
          </button>
        ) : null}
        <button
          type="button"
          aria-label={filtered ? `Search filters (${activeFilterCount(filters)} set)` : "Search filters"}
          title="Search filters"
          aria-expanded={showFilters}
          aria-controls={filtersId}
          onClick={() => setShowFilters((shown) => !shown)}
          className={`absolute top-1/2 right-2 -translate-y-1/2 rounded-full p-1 hover:bg-neutral-200 dark:hover:bg-neutral-800 ${filtered ? "text-sky-700 dark:text-sky-400" : ""}`}
        >
          <SlidersHorizontal aria-hidden className="size-4" />
        </button>
      </div>
      {showFilters ? (
        <SearchFilters id={filtersId} values={filters} onChange={setFilters} people={filterPeople} chats={filterChats} />
      ) : null}
      <div aria-live="polite" className="mt-2 text-sm text-neutral-600 empty:hidden dark:text-neutral-400">
        {!searching
          ? null
          : typed.length < SEARCH_LIMITS.queryMin
            ? `Type at least ${SEARCH_LIMITS.queryMin} characters.`
            : loading && entries.length === 0
              ? "Searching…"
              : !loading && entries.length === 0
                ? (messages.error ?? (filtered ? "No messages match the search and filters." : "No results."))
                : null}
      </div>
      <div id={listId} role="listbox" aria-label="Search results" hidden={!searching} className="min-h-0 flex-1 overflow-y-auto">
        {(["Chats", "Messages", "People"] as const).map((group) => {
          const inGroup = entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.group === group);
          if (inGroup.length === 0) return null;
          return (
            <div key={group} role="group" aria-label={group} className="mt-2">
              <p aria-hidden className="px-2 pb-1 text-xs font-semibold tracking-wide text-neutral-500 uppercase">
                {group}
                {group === "Messages" && messages.more ? ` (first ${messages.hits.length})` : ""}
              </p>
              {inGroup.map(({ entry, index }) => (
                <div
                  key={entry.key}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === current}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setActive(index);
                    entry.open();
                  }}
                  className={`flex cursor-pointer items-center rounded-xl px-2 py-2 ${index === current ? "bg-sky-100 dark:bg-sky-950" : "hover:bg-neutral-200/60 dark:hover:bg-neutral-800"}`}
                >
                  {entry.render()}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
