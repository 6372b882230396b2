"use client";
// Client state of the chat UI: one zustand store made of one slice per capability (slice pattern).
// Realtime events (lib/client/realtime) and API responses feed it; components read it with useChat.
// A new capability: add `<capability>-slice.ts` (state + actions, typed with ChatSlice) and
// register it below, in ChatState and in `slices`.
import { createContext, createElement, useContext, useState } from "react";
import { useStore } from "zustand";
import { createStore, type StateCreator, type StoreApi } from "zustand/vanilla";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { DatabaseProvider } from "@/lib/chat/kernel/ids";
import { createConversationsSlice, type ConversationsSlice } from "./conversations-slice";
import { createMessageActionsSlice, type MessageActionsSlice } from "./message-actions-slice";
import { createMessagesSlice, type MessagesSlice } from "./messages-slice";
import { createPresenceSlice, type PresenceSlice } from "./presence-slice";
import { createReceiptsSlice, type ReceiptsSlice } from "./receipts-slice";
import { createSessionSlice, type SessionSlice } from "./session-slice";
import type { ChatInit } from "./types";

// ── Registered slices ────────────────────────────────────────────────────────────────────────────
export type ChatState = SessionSlice & ConversationsSlice & MessagesSlice & ReceiptsSlice & PresenceSlice & MessageActionsSlice;

const slices =
  (init: ChatInit): StateCreator<ChatState> =>
  (...store) => ({
    ...createSessionSlice(init)(...store),
    ...createConversationsSlice(init)(...store),
    ...createMessagesSlice(init)(...store),
    ...createReceiptsSlice(init)(...store),
    ...createPresenceSlice(init)(...store),
    ...createMessageActionsSlice(init)(...store),
  });
// ─────────────────────────────────────────────────────────────────────────────────────────────────

export type { ChatInit, ChatSlice, MessageState, SendStatus, UiMessage } from "./types";
export type { ComposerIntent } from "./message-actions-slice";
export { conversationTitle, otherMembers, previewOf, sortConversations } from "./conversations-slice";
export { isOnline } from "./presence-slice";

export type ChatStore = StoreApi<ChatState>;

/** One store per mounted chat app (never module-global: server rendering serves many users). */
export const createChatStore = (
  me: SafeUser,
  provider: DatabaseProvider,
  conversations: ConversationSummary[],
  conversationsCursor: string | null = null,
): ChatStore => createStore<ChatState>()(slices({ me, provider, conversations, conversationsCursor }));

const ChatStoreContext = createContext<ChatStore | null>(null);

export function ChatStoreProvider({
  me,
  provider,
  conversations,
  nextCursor = null,
  children,
}: {
  me: SafeUser;
  provider: DatabaseProvider;
  conversations: ConversationSummary[];
  nextCursor?: string | null;
  children: React.ReactNode;
}) {
  const [store] = useState(() => createChatStore(me, provider, conversations, nextCursor));
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
