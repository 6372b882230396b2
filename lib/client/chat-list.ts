"use client";
// Pin, mute and archive in the browser (issue 15): the list changes at once (optimistic), the server
// action stores it and tells my other tabs and devices (conversation:list-state,
// ./realtime/chat-list.ts); a refusal (the 6th pin) puts the chat back as it was and says why.
import { archiveConversationAction, muteConversationAction, pinConversationAction } from "@/app/(chat)/actions";
import type { ListState } from "@/lib/chat/chat-list/dto";
import { mutedUntilFor, type MuteChoice } from "@/lib/chat/chat-list/limits";
import type { ActionResult } from "@/lib/http/action";
import { callAction } from "@/lib/client/call-action";
import type { ChatStore } from "@/lib/client/store";

async function change(store: ChatStore, id: string, optimistic: Partial<ListState>, call: () => Promise<ActionResult<ListState>>) {
  const held = store.getState().conversations[id];
  if (!held) return;
  const before: ListState = { pinnedAt: held.pinnedAt, mutedUntil: held.mutedUntil, archivedAt: held.archivedAt };
  const count = store.getState().archivedCount;
  const next = { ...before, ...optimistic };
  const moved = Number(Boolean(next.archivedAt)) - Number(Boolean(before.archivedAt));
  store.getState().applyListState({ id, ...next, archivedCount: Math.max(0, count + moved) });
  const stored = await callAction(call);
  // The event of this change brings the server's count; the action's answer brings my state.
  const latest = store.getState().archivedCount;
  store.getState().applyListState({ id, ...(stored ?? before), archivedCount: stored ? latest : Math.max(0, latest - moved) });
}

export function setPinned(store: ChatStore, id: string, pinned: boolean): Promise<void> {
  const now = new Date().toISOString();
  return change(store, id, pinned ? { pinnedAt: now, archivedAt: null } : { pinnedAt: null }, () => pinConversationAction(id, pinned));
}

export function setMuted(store: ChatStore, id: string, mute: MuteChoice | "off"): Promise<void> {
  const mutedUntil = mute === "off" ? null : mutedUntilFor(mute, new Date()).toISOString();
  return change(store, id, { mutedUntil }, () => muteConversationAction(id, mute));
}

export function setArchived(store: ChatStore, id: string, archived: boolean): Promise<void> {
  const now = new Date().toISOString();
  return change(store, id, archived ? { archivedAt: now, pinnedAt: null } : { archivedAt: null }, () =>
    archiveConversationAction(id, archived),
  );
}
