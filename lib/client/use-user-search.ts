"use client";
// Debounced people search against GET /api/users (exact @username or verified email; a known person's name).
import { useEffect, useState } from "react";
import { PEOPLE_LIMITS } from "@/lib/chat/people/limits";
import type { Person } from "@/lib/chat/profiles/dto";
import { chatApi } from "./api";

export function useUserSearch(query: string, delayMs = 250): { users: Person[]; loading: boolean; error: string | null } {
  const [state, setState] = useState<{ query: string; users: Person[]; error: string | null }>({ query: "", users: [], error: null });
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
