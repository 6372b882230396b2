"use client";
// Client state of the chat UI: one zustand store made of one slice per capability (slice pattern).
// Realtime events (lib/client/realtime) and API responses feed it; components read it with useChat.
// The store starts with what the conversation list needs (the slices registered below); the
// message-view slices (held messages, receipts, message actions) are added to the same store when
// the conversation view or the realtime connection first needs them: ./message-slices.ts
// (withMessageSlices, useMessageStore), so /chat's first-load JavaScript carries none of them.
// A new capability: add `<capability>-slice.ts` (state + actions) and register it in ONE of the two
// places: below (in ChatState and `slices`, typed with ChatSlice) when the list needs it at first
// paint, otherwise in ./message-slices.ts (in MessageViewState and `messageSlices`, typed with
// MessageViewSlice).
import { createContext, createElement, useContext, useState } from "react";
import { useStore } from "zustand";
import { createStore, type StateCreator, type StoreApi } from "zustand/vanilla";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { DatabaseProvider } from "@/lib/chat/kernel/ids";
import type { UserSettings } from "@/lib/chat/settings/values";
import type { MyStatus } from "@/lib/chat/status/shown";
import { createConversationsSlice, type ConversationsSlice } from "./conversations-slice";
import { createPresenceSlice, type PresenceSlice } from "./presence-slice";
import { createSessionSlice, type SessionSlice } from "./session-slice";
import type { ChatInit } from "./types";

// ── Registered slices ────────────────────────────────────────────────────────────────────────────
export type ChatState = SessionSlice & ConversationsSlice & PresenceSlice;

const slices =
  (init: ChatInit): StateCreator<ChatState> =>
  (...store) => ({
    ...createSessionSlice(init)(...store),
    ...createConversationsSlice(init)(...store),
    ...createPresenceSlice(init)(...store),
  });
// ─────────────────────────────────────────────────────────────────────────────────────────────────

export type { ChatInit, ChatSlice, MessageState, SendStatus, UiMessage } from "./types";
export type { ComposerIntent } from "./message-actions-slice";
export { conversationTitle, listView, otherMembers, previewOf, sortConversations, type ListFilter } from "./conversations-slice";
export { isOnline, presenceStatusOf } from "./presence-slice";

export type ChatStore = StoreApi<ChatState>;

/** One store per mounted chat app (never module-global: server rendering serves many users). */
export const createChatStore = (
  me: SafeUser,
  provider: DatabaseProvider,
  conversations: ConversationSummary[],
  conversationsCursor: string | null = null,
  pinnedConversationId: string | null = null,
  archivedCount = 0,
  myStatus?: MyStatus,
  settings?: UserSettings,
): ChatStore =>
  createStore<ChatState>()(
    slices({ me, provider, conversations, conversationsCursor, pinnedConversationId, archivedCount, myStatus, settings }),
  );

const ChatStoreContext = createContext<ChatStore | null>(null);

export function ChatStoreProvider({
  me,
  provider,
  conversations,
  nextCursor = null,
  pinnedConversationId = null,
  archivedCount = 0,
  myStatus,
  settings,
  children,
}: {
  me: SafeUser;
  provider: DatabaseProvider;
  conversations: ConversationSummary[];
  nextCursor?: string | null;
  /** My Parley AI chat, shown first in the list. */
  pinnedConversationId?: string | null;
  /** How many chats my Archived folder holds. */
  archivedCount?: number;
  /** My status (issue 15). */
  myStatus?: MyStatus;
  /** My app settings (issue 15). */
  settings?: UserSettings;
  children: React.ReactNode;
}) {
  const [store] = useState(() =>
    createChatStore(me, provider, conversations, nextCursor, pinnedConversationId, archivedCount, myStatus, settings),
  );
  return createElement(ChatStoreContext.Provider, { value: store }, children);
}

export function useChatStoreApi(): ChatStore {
  const store = useContext(ChatStoreContext);
  if (!store) throw new Error("useChatStoreApi outside ChatStoreProvider");
  return store;
}

export function useChat<T>(selector: (state: ChatState) => T): T {
  return useStore(useChatStoreApi(), selector);
}
