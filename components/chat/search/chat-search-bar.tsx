"use client";
// Search inside one conversation (header icon): the matches counted, up (older) and down (newer)
// between them; each step asks the view to jump to the match (the page around it is loaded and the
// message highlighted). "From" narrows the matches to one member's messages. Loaded on demand.
import { ChevronDown, ChevronUp, X } from "lucide-react";
import { useEffect, useState } from "react";
import { SEARCH_LIMITS } from "@/lib/chat/search/limits";
import { useChat } from "@/lib/client/store";
import { useMessageStoreApi } from "@/lib/client/store/message-slices";
import { useMessageSearch } from "@/lib/client/use-message-search";

export function ChatSearchBar({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const [query, setQuery] = useState("");
  const [index, setIndex] = useState(0);
  const [from, setFrom] = useState("");
  const { hits, more, loading, error } = useMessageSearch(query, { conversationId, from: from || undefined });
  const me = useChat((s) => s.me);
  const members = useChat((s) => s.conversations[conversationId]?.members);
  const store = useMessageStoreApi();
  const hit = hits[index];
  const hitId = hit?.message.id;

  useEffect(() => {
    if (hitId) store.getState().requestJump(conversationId, hitId);
  }, [hitId, conversationId, store]);

  const older = () => hits.length && setIndex((i) => Math.min(hits.length - 1, i + 1));
  const newer = () => hits.length && setIndex((i) => Math.max(0, i - 1));
  const typed = query.trim();
  const status =
    typed.length < SEARCH_LIMITS.queryMin
      ? ""
      : loading
        ? "Searching…"
        : error
          ? error
          : hits.length === 0
            ? "No results"
            : `${index + 1} of ${hits.length}${more ? "+" : ""}`;

  return (
    <div
      role="search"
      aria-label="Search in this chat"
      className="flex items-center gap-2 border-b border-neutral-200 px-3 py-2 dark:border-neutral-800"
    >
      <input
        type="search"
        aria-label="Search in this chat"
        autoFocus
        value={query}
        maxLength={SEARCH_LIMITS.queryMax}
        placeholder="Search in this chat"
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            if (e.shiftKey) newer();
            else older();
          } else if (e.key === "Escape") onClose();
        }}
        className="min-w-0 flex-1 rounded-full border border-neutral-300 bg-white px-3 py-1.5 text-sm outline-none focus:ring-2 focus:ring-sky-500 dark:border-neutral-700 dark:bg-neutral-950"
      />
      <select
        aria-label="From"
        title="From"
        value={from}
        onChange={(e) => {
          setFrom(e.target.value);
          setIndex(0);
        }}
        className="max-w-28 shrink-0 rounded-full border border-neutral-300 bg-white px-2 py-1.5 text-xs outline-none focus:ring-2 focus:ring-sky-500 dark:border-neutral-700 dark:bg-neutral-950"
      >
        <option value="">Anyone</option>
        {(members ?? []).map((member) => (
          <option key={member.id} value={member.id}>
            {member.id === me.id ? "You" : (member.name ?? "Parley user")}
          </option>
        ))}
      </select>
      <span role="status" className="w-20 shrink-0 text-center text-xs text-neutral-600 tabular-nums dark:text-neutral-400">
        {status}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Older match"
        title="Older match"
        disabled={index >= hits.length - 1}
        onClick={older}
      >
        <ChevronUp aria-hidden className="size-5" />
      </button>
      <button type="button" className="icon-button" aria-label="Newer match" title="Newer match" disabled={index <= 0} onClick={newer}>
        <ChevronDown aria-hidden className="size-5" />
      </button>
      <button type="button" className="icon-button" aria-label="Close search" title="Close search" onClick={onClose}>
        <X aria-hidden className="size-5" />
      </button>
    </div>
  );
}
