"use client";
// Client state of the chat UI (zustand): my conversations, the messages held per conversation
// (server pages + optimistic sends, merged by id so nothing is ever shown twice), who is online
// (presence per conversation) and who is typing. Realtime events and API responses feed it.
import { createContext, createElement, useContext, useState } from "react";
import { useStore } from "zustand";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { ConversationSummary, MessageDto, MessagePreview, SafeUser } from "@/lib/chat/dto";
import type { DatabaseProvider } from "@/lib/chat/ids";
import type { EventPayload, EVENTS } from "@/lib/realtime/events";
import { applySeen, mergeMessages } from "@/lib/realtime/resync";

export type SendStatus = "sending" | "failed";

export interface UiMessage extends MessageDto {
  /** Set while an optimistic message is not confirmed by the server. */
  status?: SendStatus;
  /** Local preview (object URL) of an image being uploaded. */
  localImage?: string;
  /** 0..1 while the image uploads. */
  progress?: number;
  /** Error shown with "failed — retry". */
  error?: string;
  truncated?: true;
}

export interface MessageState {
  items: UiMessage[]; // newest first
  hasOlder: boolean;
  olderCursor: string | null;
  loadingOlder: boolean;
}

interface ChatState {
  me: SafeUser;
  provider: DatabaseProvider;
  conversations: Record<string, ConversationSummary>;
  messages: Record<string, MessageState>;
  /** conversationId → user ids present on its presence channel. */
  presence: Record<string, string[]>;
  /** conversationId → user ids typing. */
  typing: Record<string, string[]>;
  activeId: string | null;
  /** Cursor of the next page of my conversations (null when all are loaded). */
  conversationsCursor: string | null;
  appendConversations(conversations: ConversationSummary[], nextCursor: string | null): void;
  /** pusher-js connection state ("connected", "connecting", "unavailable", …). */
  connection: string;

  setConnection(state: string): void;
  setActive(id: string | null): void;
  upsertConversation(conversation: ConversationSummary): void;
  /** The newest page from the server (after a resync); `hasMore`: older pages exist beyond it. */
  replaceConversations(conversations: ConversationSummary[], hasMore?: boolean): void;
  patchConversation(id: string, patch: Partial<ConversationSummary>): void;
  removeConversation(id: string): void;
  /** A conversation:update event (or my own send): preview, order, unread badge. */
  applyConversationUpdate(event: EventPayload<typeof EVENTS.conversationUpdate>): void;

  loadPage(conversationId: string, page: { messages: MessageDto[]; hasOlder: boolean; olderCursor: string | null }, mode: "initial" | "older"): void;
  setLoadingOlder(conversationId: string, loading: boolean): void;
  mergeIncoming(conversationId: string, messages: UiMessage[]): void;
  replaceMessages(conversationId: string, messages: UiMessage[], hasOlder?: boolean): void;
  patchMessage(conversationId: string, id: string, patch: Partial<UiMessage>, onlyIfStatus?: SendStatus): void;
  applySeenEvent(event: EventPayload<typeof EVENTS.messageSeen>): void;

  setPresence(conversationId: string, userIds: string[]): void;
  addPresence(conversationId: string, userId: string): void;
  removePresence(conversationId: string, userId: string): void;
  setTyping(conversationId: string, userIds: string[]): void;
}

const emptyMessages = (): MessageState => ({ items: [], hasOlder: false, olderCursor: null, loadingOlder: false });

export function previewOf(message: MessageDto): MessagePreview {
  return {
    id: message.id,
    senderId: message.sender.id,
    body: message.body && message.body.length > 120 ? `${message.body.slice(0, 119)}…` : message.body,
    hasImage: message.image !== null,
    createdAt: message.createdAt,
  };
}

/** Keeps local-only fields (object URL preview) when the server copy replaces an optimistic message. */
function mergeKeepingLocal(current: UiMessage[], incoming: UiMessage[]): UiMessage[] {
  const held = new Map(current.map((m) => [m.id.toLowerCase(), m]));
  const adjusted = incoming.map((message) => {
    const old = held.get(message.id.toLowerCase());
    if (!old) return message;
    // A confirmed copy never turns back into a pending one.
    if (message.status && !old.status) return old;
    if (old.localImage && !message.localImage) return { ...message, localImage: old.localImage };
    return message;
  });
  return mergeMessages(current, adjusted);
}

export type ChatStore = StoreApi<ChatState>;

/** One store per mounted chat app (never module-global: server rendering serves many users). */
export const createChatStore = (
  me: SafeUser,
  provider: DatabaseProvider,
  conversations: ConversationSummary[],
  conversationsCursor: string | null = null,
): ChatStore =>
  createStore<ChatState>()((set) => ({
  me,
  provider,
  conversations: Object.fromEntries(conversations.map((c) => [c.id, c])),
  messages: {},
  presence: {},
  typing: {},
  activeId: null,
  connection: "initialized",
  conversationsCursor,

  appendConversations(more, nextCursor) {
    set((state) => {
      const conversations = { ...state.conversations };
      for (const c of more) if (!conversations[c.id]) conversations[c.id] = c;
      return { conversations, conversationsCursor: nextCursor };
    });
  },

  setConnection(connection) {
    set({ connection });
  },
  setActive(id) {
    set({ activeId: id });
  },
  upsertConversation(conversation) {
    set((state) => ({ conversations: { ...state.conversations, [conversation.id]: conversation } }));
  },
  replaceConversations(conversations, hasMore = false) {
    set((state) => {
      const next: Record<string, ConversationSummary> = {};
      // Conversations held from older pages (beyond this one) stay; others not in the page are gone.
      const oldest = Math.min(...conversations.map((c) => Date.parse(c.lastMessageAt)));
      if (hasMore) {
        for (const held of Object.values(state.conversations)) if (Date.parse(held.lastMessageAt) < oldest) next[held.id] = held;
      }
      for (const c of conversations) {
        const held = state.conversations[c.id];
        // The open conversation is read: keep its badge at zero.
        next[c.id] = state.activeId === c.id ? { ...c, unreadCount: 0 } : c;
        if (held && Date.parse(held.lastMessageAt) > Date.parse(c.lastMessageAt)) next[c.id] = { ...c, ...held };
      }
      return { conversations: next };
    });
  },
  patchConversation(id, patch) {
    set((state) => {
      const held = state.conversations[id];
      return held ? { conversations: { ...state.conversations, [id]: { ...held, ...patch } } } : {};
    });
  },
  removeConversation(id) {
    set((state) => {
      const conversations = { ...state.conversations };
      delete conversations[id];
      // Its messages go too: a hidden 1:1 that comes back shows only what came after.
      const messages = { ...state.messages };
      delete messages[id];
      return { conversations, messages };
    });
  },
  applyConversationUpdate(event) {
    set((state) => {
      const held = state.conversations[event.id];
      if (!held) return {};
      const next: ConversationSummary = { ...held };
      if (event.lastMessage && (!held.lastMessage || Date.parse(event.lastMessage.createdAt) >= Date.parse(held.lastMessage.createdAt))) {
        const isNew = held.lastMessage?.id !== event.lastMessage.id;
        next.lastMessage = event.lastMessage;
        if (isNew && event.lastMessage.senderId !== state.me.id && state.activeId !== event.id && event.unreadCount === undefined) {
          next.unreadCount = held.unreadCount + 1;
        }
      }
      if (event.lastMessageAt && Date.parse(event.lastMessageAt) > Date.parse(held.lastMessageAt)) next.lastMessageAt = event.lastMessageAt;
      if (event.unreadCount !== undefined) next.unreadCount = state.activeId === event.id ? 0 : event.unreadCount;
      return { conversations: { ...state.conversations, [event.id]: next } };
    });
  },

  loadPage(conversationId, page, mode) {
    set((state) => {
      const held = state.messages[conversationId] ?? emptyMessages();
      const items = mergeKeepingLocal(held.items, page.messages);
      const olderKnown = mode === "initial" && held.items.length > 0 && held.olderCursor !== null;
      return {
        messages: {
          ...state.messages,
          [conversationId]: {
            items,
            hasOlder: olderKnown ? held.hasOlder : page.hasOlder,
            olderCursor: olderKnown ? held.olderCursor : page.olderCursor,
            loadingOlder: mode === "older" ? false : held.loadingOlder,
          },
        },
      };
    });
  },
  setLoadingOlder(conversationId, loading) {
    set((state) => ({
      messages: { ...state.messages, [conversationId]: { ...(state.messages[conversationId] ?? emptyMessages()), loadingOlder: loading } },
    }));
  },
  mergeIncoming(conversationId, incoming) {
    set((state) => {
      // Not loaded yet (e.g. the page is still on its way): keep the message; the first page merges in.
      const held = state.messages[conversationId] ?? emptyMessages();
      return { messages: { ...state.messages, [conversationId]: { ...held, items: mergeKeepingLocal(held.items, incoming) } } };
    });
  },
  replaceMessages(conversationId, items, hasOlder) {
    set((state) => {
      const held = state.messages[conversationId] ?? emptyMessages();
      const pending = held.items.filter((m) => m.status);
      return {
        messages: {
          ...state.messages,
          [conversationId]: {
            ...held,
            items: mergeKeepingLocal(items, pending),
            hasOlder: hasOlder ?? held.hasOlder,
            olderCursor: hasOlder === undefined ? held.olderCursor : null,
          },
        },
      };
    });
  },
  patchMessage(conversationId, id, patch, onlyIfStatus) {
    set((state) => {
      const held = state.messages[conversationId];
      if (!held) return {};
      let changed = false;
      const items = held.items.map((m) => {
        if (m.id !== id) return m;
        if (onlyIfStatus !== undefined && m.status !== onlyIfStatus) return m;
        changed = true;
        return { ...m, ...patch };
      });
      return changed ? { messages: { ...state.messages, [conversationId]: { ...held, items } } } : {};
    });
  },
  applySeenEvent(event) {
    set((state) => {
      const held = state.messages[event.conversationId];
      if (!held) return {};
      return { messages: { ...state.messages, [event.conversationId]: { ...held, items: applySeen(held.items, event) } } };
    });
  },

  setPresence(conversationId, userIds) {
    set((state) => ({ presence: { ...state.presence, [conversationId]: [...new Set(userIds)] } }));
  },
  addPresence(conversationId, userId) {
    set((state) => {
      const held = state.presence[conversationId] ?? [];
      return held.includes(userId) ? {} : { presence: { ...state.presence, [conversationId]: [...held, userId] } };
    });
  },
  removePresence(conversationId, userId) {
    set((state) => {
      // They were active until this moment: "Active just now" instead of an older server value.
      const now = new Date().toISOString();
      const conversations = { ...state.conversations };
      for (const [id, conversation] of Object.entries(conversations)) {
        if (conversation.members.some((m) => m.id === userId)) {
          conversations[id] = { ...conversation, members: conversation.members.map((m) => (m.id === userId ? { ...m, lastActiveAt: now } : m)) };
        }
      }
      return {
        conversations,
        presence: { ...state.presence, [conversationId]: (state.presence[conversationId] ?? []).filter((id) => id !== userId) },
      };
    });
  },
  setTyping(conversationId, userIds) {
    set((state) => {
      const held = state.typing[conversationId] ?? [];
      if (held.length === userIds.length && held.every((id, i) => id === userIds[i])) return {};
      return { typing: { ...state.typing, [conversationId]: userIds } };
    });
  },
}));

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

/** Conversations newest activity first. */
export function sortConversations(conversations: Record<string, ConversationSummary>): ConversationSummary[] {
  return Object.values(conversations).sort((a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || (a.id < b.id ? 1 : -1));
}

/** Whether `userId` is on the presence channel of any conversation I hold. */
export function isOnline(presence: Record<string, string[]>, userId: string): boolean {
  return Object.values(presence).some((ids) => ids.includes(userId));
}

export function conversationTitle(conversation: ConversationSummary, meId: string): string {
  if (conversation.name) return conversation.name;
  const others = conversation.members.filter((m) => m.id !== meId);
  if (others.length === 0) return "Just you";
  return others.map((m) => m.name ?? "Parley user").join(", ");
}

export function otherMembers(conversation: ConversationSummary, meId: string) {
  return conversation.members.filter((m) => m.id !== meId);
}
