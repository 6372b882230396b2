"use client";
// The message-view slices: what the store holds for open conversations (messages, receipts, message
// actions, stars, pins). They are not in the store the conversation list starts with (./index.ts), so /chat's
// first-load JavaScript carries none of their code; the conversation view (useMessageStore) and the
// realtime connection (lib/client/realtime/connection.ts) add them to that same store with
// withMessageSlices before they read or change messages.
// A new message-view capability: add `<capability>-slice.ts` (typed with MessageViewSlice) and
// register it here, in MessageViewState and in `messageSlices` — the one place it is registered.
import { useStore } from "zustand";
import type { StateCreator, StoreApi } from "zustand/vanilla";
import { useChatStoreApi, type ChatState, type ChatStore } from "./index";
import { createMessageActionsSlice, type MessageActionsSlice } from "./message-actions-slice";
import { createMessagesSlice, type MessagesSlice } from "./messages-slice";
import { createPinsSlice, type PinsSlice } from "./pins-slice";
import { createReceiptsSlice, type ReceiptsSlice } from "./receipts-slice";
import { createStarsSlice, type StarsSlice } from "./stars-slice";

// ── Registered message-view slices ───────────────────────────────────────────────────────────────
export type MessageViewState = ChatState & MessagesSlice & ReceiptsSlice & MessageActionsSlice & StarsSlice & PinsSlice;

const messageSlices: StateCreator<MessageViewState, [], [], Omit<MessageViewState, keyof ChatState>> = (...store) => ({
  ...createMessagesSlice(...store),
  ...createReceiptsSlice(...store),
  ...createMessageActionsSlice(...store),
  ...createStarsSlice(...store),
  ...createPinsSlice(...store),
});
// ─────────────────────────────────────────────────────────────────────────────────────────────────

export type MessageStore = StoreApi<MessageViewState>;

const registered = new WeakSet<ChatStore>();

/**
 * The same store with the message-view slices in it (added on the first call; later calls return it
 * as is), also to its initial state. Adding them only adds keys, so no subscriber's selection changes
 * and nothing re-renders: it is safe during render.
 */
export function withMessageSlices(store: ChatStore): MessageStore {
  const full = store as unknown as MessageStore;
  if (!registered.has(store)) {
    registered.add(store);
    const slices = messageSlices(full.setState, full.getState, full);
    full.setState(slices);
    // Server rendering and hydration read the store's initial state (zustand's getServerSnapshot):
    // it must hold the slices too, or the first render would find no messages state.
    const initial = { ...full.getInitialState(), ...slices };
    full.getInitialState = () => initial;
  }
  return full;
}

/** The store of the enclosing ChatStoreProvider, with the message-view slices. */
export function useMessageStoreApi(): MessageStore {
  return withMessageSlices(useChatStoreApi());
}

/** useChat for the message view: selects from the store with the message-view slices. */
export function useMessageStore<T>(selector: (state: MessageViewState) => T): T {
  return useStore(useMessageStoreApi(), selector);
}
