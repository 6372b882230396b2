"use client";
// Contacts in the browser (issue 15): my contacts and pending requests as GET /api/contacts answers
// them, held in a small module store (not in the chat store: nothing of the list's first paint
// needs it; the People tab, its badge and the realtime handler load this module later), and the
// UI-side operations, each a server action followed by a refetch. `contacts:changed` on my user
// channel (./realtime/contacts.ts) refetches too, so both people's tabs follow every change.
import { useSyncExternalStore } from "react";
import {
  cancelContactRequestAction,
  removeContactAction,
  respondToContactRequestAction,
  sendContactRequestAction,
} from "@/app/(chat)/contact-actions";
import type { ContactsOverview } from "@/lib/chat/contacts/dto";
import { setBlockedAction } from "@/app/(chat)/actions";
import { respondToGroupInvitationAction } from "@/app/(chat)/group-actions";
import { request } from "./api";
import { callAction } from "./call-action";

export interface ContactsState {
  overview: ContactsOverview | null;
  error: string | null;
}

let state: ContactsState = { overview: null, error: null };
const listeners = new Set<() => void>();
let inFlight: Promise<void> | null = null;
let again = false;

function set(next: ContactsState) {
  state = next;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const snapshot = () => state;

/** My contacts and requests (null until the first answer). */
export function useContacts(): ContactsState {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** Fetches my contacts and requests; a call during a fetch fetches once more after it (the newest state wins). */
export function refreshContacts(): Promise<void> {
  if (inFlight) {
    again = true;
    return inFlight;
  }
  inFlight = request<ContactsOverview>("GET", "/api/contacts")
    .then((overview) => set({ overview, error: null }))
    .catch((error: Error) => set({ ...state, error: error.message }))
    .finally(() => {
      inFlight = null;
      if (again) {
        again = false;
        void refreshContacts();
      }
    });
  return inFlight;
}

/** Refetches only what was loaded already (a reconnection: nothing to catch up on otherwise). */
export function refreshLoadedContacts(): void {
  if (state.overview) void refreshContacts();
}

/** Loads them once (the People tab and its badge). */
export function ensureContacts(): void {
  if (!state.overview && !inFlight) void refreshContacts();
}

async function then<T>(result: T | null): Promise<T | null> {
  if (result !== null) await refreshContacts();
  return result;
}

export const contactActions = {
  request: async (userId: string) => then(await callAction(() => sendContactRequestAction(userId))),
  respond: async (requestId: string, accept: boolean) => then(await callAction(() => respondToContactRequestAction(requestId, accept))),
  cancel: async (requestId: string) => then(await callAction(() => cancelContactRequestAction(requestId))),
  remove: async (userId: string) => then(await callAction(() => removeContactAction(userId))),
  /** Blocks the sender of a request from my inbox (lib/chat/blocks: silent to them; their request leaves my inbox). */
  block: async (userId: string) => then(await callAction(() => setBlockedAction(userId, true))),
  /** Accepts (I join the group) or declines an invitation to a group (issue 15, lib/chat/group-invitations). */
  answerInvitation: async (invitationId: string, accept: boolean) =>
    then(await callAction(() => respondToGroupInvitationAction(invitationId, accept))),
};
