"use client";
// Debounced message search against GET /api/search (a superseded search is aborted).
import { useEffect, useState } from "react";
import type { MessageHit } from "@/lib/chat/search/dto";
import { SEARCH_LIMITS } from "@/lib/chat/search/limits";
import { chatApi } from "./api";

export interface MessageSearchState {
  hits: MessageHit[];
  /** More hits than shown (the first page only is fetched). */
  more: boolean;
  loading: boolean;
  error: string | null;
}

export function useMessageSearch(query: string, conversationId?: string, delayMs = 250): MessageSearchState {
  const [state, setState] = useState<{ key: string; hits: MessageHit[]; more: boolean; error: string | null }>({
    key: "",
    hits: [],
    more: false,
    error: null,
  });
  const typed = query.trim();
  const trimmed = typed.length >= SEARCH_LIMITS.queryMin ? typed.slice(0, SEARCH_LIMITS.queryMax) : "";
  const key = trimmed ? `${conversationId ?? ""}\u0000${trimmed}` : "";
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      chatApi
        .searchMessages({ q: trimmed, conversationId, limit: SEARCH_LIMITS.pageMax }, controller.signal)
        .then((page) => setState({ key, hits: page.hits, more: page.nextCursor !== null, error: null }))
        .catch((error: Error) => {
          if (error.name !== "AbortError") setState({ key, hits: [], more: false, error: error.message });
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, trimmed, conversationId, delayMs]);
  if (!key) return { hits: [], more: false, loading: false, error: null };
  const current = state.key === key;
  return { hits: current ? state.hits : [], more: current && state.more, loading: !current, error: current ? state.error : null };
}
