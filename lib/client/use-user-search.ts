"use client";
// Debounced people search against GET /api/users (name contains the query, or exact email).
import { useEffect, useState } from "react";
import { PEOPLE_LIMITS } from "@/lib/chat/people/limits";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { chatApi } from "./api";

export function useUserSearch(query: string, delayMs = 250): { users: SafeUser[]; loading: boolean; error: string | null } {
  const [state, setState] = useState<{ query: string; users: SafeUser[]; error: string | null }>({ query: "", users: [], error: null });
  // Fewer characters than a search takes (PEOPLE_LIMITS.userQueryMin) search nothing yet.
  const typed = query.trim();
  const trimmed = typed.length >= PEOPLE_LIMITS.userQueryMin ? typed : "";
  useEffect(() => {
    if (!trimmed) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      chatApi
        .searchUsers(trimmed, controller.signal)
        .then(({ users }) => setState({ query: trimmed, users, error: null }))
        .catch((error: Error) => {
          if (error.name !== "AbortError") setState({ query: trimmed, users: [], error: error.message });
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed, delayMs]);
  if (!trimmed) return { users: [], loading: false, error: null };
  return {
    users: state.query === trimmed ? state.users : [],
    loading: state.query !== trimmed,
    error: state.query === trimmed ? state.error : null,
  };
}
