"use client";
// Debounced message search against GET /api/search (a superseded search is aborted). The filters
// (sender, chat, dates, "has") are part of what is searched: changing one searches again.
import { useEffect, useState } from "react";
import type { MessageHit } from "@/lib/chat/search/dto";
import { SEARCH_LIMITS, type SearchHas } from "@/lib/chat/search/limits";
import { chatApi } from "./api";

export interface MessageSearchFilters {
  /** Only this chat. */
  conversationId?: string;
  /** Only messages sent by this user. */
  from?: string;
  /** Sent after / before these instants (ISO). */
  after?: string;
  before?: string;
  has?: SearchHas;
}

export interface MessageSearchState {
  hits: MessageHit[];
  /** More hits than shown (the first page only is fetched). */
  more: boolean;
  loading: boolean;
  error: string | null;
}

export function useMessageSearch(query: string, filters: MessageSearchFilters = {}, delayMs = 250): MessageSearchState {
  const [state, setState] = useState<{ key: string; hits: MessageHit[]; more: boolean; error: string | null }>({
    key: "",
    hits: [],
    more: false,
    error: null,
  });
  const typed = query.trim();
  const trimmed = typed.length >= SEARCH_LIMITS.queryMin ? typed.slice(0, SEARCH_LIMITS.queryMax) : "";
  const { conversationId, from, after, before, has } = filters;
  const key = trimmed ? JSON.stringify([trimmed, conversationId, from, after, before, has]) : "";
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      chatApi
        .searchMessages({ q: trimmed, conversationId, from, after, before, has, limit: SEARCH_LIMITS.pageMax }, controller.signal)
        .then((page) => setState({ key, hits: page.hits, more: page.nextCursor !== null, error: null }))
        .catch((error: Error) => {
          if (error.name !== "AbortError") setState({ key, hits: [], more: false, error: error.message });
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, trimmed, conversationId, from, after, before, has, delayMs]);
  if (!key) return { hits: [], more: false, loading: false, error: null };
  const current = state.key === key;
  return { hits: current ? state.hits : [], more: current && state.more, loading: !current, error: current ? state.error : null };
}
