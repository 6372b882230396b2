// Conversations slice: my conversation list (pages from the server, realtime updates), its order,
// previews and unread badges; plus the pure helpers the UI reads it with.
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { mentions } from "@/lib/chat/mentions/tokens";
import type { MessageDto, MessagePreview } from "@/lib/chat/messages/dto";
import type { EventPayload, EVENTS } from "@/lib/realtime/events";
import type { MessagesSlice } from "./messages-slice";
import type { ChatSlice } from "./types";

export interface ConversationsSlice {
  conversations: Record<string, ConversationSummary>;
  /** Cursor of the next page of my conversations (null when all are loaded). */
  conversationsCursor: string | null;
  /** My Parley AI chat: always first in the list (its place otherwise follows its activity). */
  pinnedConversationId: string | null;
  /** How many chats my Archived folder holds (issue 15; the server says, with each list-state event). */
  archivedCount: number;
  /** Cursor of the next page of my Archived folder: undefined until the folder was first opened. */
  archivedCursor: string | null | undefined;
  appendConversations(conversations: ConversationSummary[], nextCursor: string | null): void;
  /** A page of my Archived folder. */
  appendArchived(conversations: ConversationSummary[], nextCursor: string | null): void;
  upsertConversation(conversation: ConversationSummary): void;
  /**
   * The newest page from the server (after a resync); `hasMore`: older pages exist beyond it.
   * `heldAtRead`: the conversations held when the read started — one changed since (an event, my own
   * optimistic change) is newer than the page and stays as held.
   */
  replaceConversations(
    conversations: ConversationSummary[],
    hasMore?: boolean,
    archivedCount?: number,
    heldAtRead?: Record<string, ConversationSummary>,
  ): void;
  /** A conversation:list-state event (or my own optimistic change): my pin, mute, archive of a chat. */
  applyListState(event: EventPayload<typeof EVENTS.listState>): void;
  patchConversation(id: string, patch: Partial<ConversationSummary>): void;
  removeConversation(id: string): void;
  /** A conversation:update event (or my own send): preview, order, unread badge. */
  applyConversationUpdate(event: EventPayload<typeof EVENTS.conversationUpdate>): void;
}

export const createConversationsSlice: ChatSlice<ConversationsSlice> = (init) => (set, get) => ({
  conversations: Object.fromEntries(init.conversations.map((c) => [c.id, c])),
  conversationsCursor: init.conversationsCursor,
  pinnedConversationId: init.pinnedConversationId ?? null,
  archivedCount: init.archivedCount ?? 0,
  archivedCursor: undefined,

  appendConversations(more, nextCursor) {
    set((state) => {
      const conversations = { ...state.conversations };
      for (const c of more) if (!conversations[c.id]) conversations[c.id] = c;
      return { conversations, conversationsCursor: nextCursor };
    });
  },
  appendArchived(more, nextCursor) {
    set((state) => {
      const conversations = { ...state.conversations };
      for (const c of more) if (!conversations[c.id]) conversations[c.id] = c;
      return { conversations, archivedCursor: nextCursor };
    });
  },
  upsertConversation(conversation) {
    set((state) => ({ conversations: { ...state.conversations, [conversation.id]: conversation } }));
  },
  replaceConversations(conversations, hasMore = false, archivedCount, heldAtRead) {
    set((state) => {
      const next: Record<string, ConversationSummary> = {};
      // Changed while the page was read (a realtime event, my optimistic pick): newer than the page.
      // A conversation removed meanwhile (I left it) is not brought back by the page.
      const changedDuringRead = (id: string) => heldAtRead !== undefined && heldAtRead[id] !== state.conversations[id];
      // Conversations held from older pages (beyond this one) stay; others not in the page are gone.
      // The page starts with my pinned chats, whatever their activity: the bound is the rest's.
      // My archived chats are not in the page (the Archived folder pages them): they stay.
      const oldest = Math.min(...conversations.filter((c) => !c.pinnedAt).map((c) => Date.parse(c.lastMessageAt)));
      for (const held of Object.values(state.conversations)) {
        if (held.archivedAt || changedDuringRead(held.id) || (hasMore && !held.pinnedAt && Date.parse(held.lastMessageAt) < oldest)) {
          next[held.id] = held;
        }
      }
      for (const c of conversations) {
        const held = state.conversations[c.id];
        if (changedDuringRead(c.id)) continue;
        // The open conversation is read: keep its badge at zero.
        next[c.id] = state.activeId === c.id ? { ...c, unreadCount: 0, mentionCount: 0 } : c;
        if (held && Date.parse(held.lastMessageAt) > Date.parse(c.lastMessageAt)) next[c.id] = { ...c, ...held };
      }
      return { conversations: next, ...(archivedCount !== undefined ? { archivedCount } : {}) };
    });
  },
  applyListState({ id, archivedCount, ...listState }) {
    set((state) => {
      const held = state.conversations[id];
      return { archivedCount, ...(held ? { conversations: { ...state.conversations, [id]: { ...held, ...listState } } } : {}) };
    });
  },
  patchConversation(id, patch) {
    set((state) => {
      const held = state.conversations[id];
      return held ? { conversations: { ...state.conversations, [id]: withMentions({ ...held, ...patch }) } } : {};
    });
  },
  removeConversation(id) {
    set((state) => {
      const conversations = { ...state.conversations };
      delete conversations[id];
      return { conversations };
    });
    // Its messages go too, once the message-view slices are in the store (./message-slices.ts): a
    // hidden 1:1 that comes back shows only what came after.
    (get() as Partial<Pick<MessagesSlice, "forgetMessages">>).forgetMessages?.(id);
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
          if (mentions(event.lastMessage.body, state.me.id)) next.mentionCount = held.mentionCount + 1;
        }
      }
      if (event.lastMessageAt && Date.parse(event.lastMessageAt) > Date.parse(held.lastMessageAt)) next.lastMessageAt = event.lastMessageAt;
      if (event.unreadCount !== undefined) next.unreadCount = state.activeId === event.id ? 0 : event.unreadCount;
      return { conversations: { ...state.conversations, [event.id]: withMentions(next) } };
    });
  },
});

/** Mentions of me are unread messages: none left when nothing is unread. */
const withMentions = (conversation: ConversationSummary): ConversationSummary =>
  conversation.unreadCount === 0 && conversation.mentionCount !== 0 ? { ...conversation, mentionCount: 0 } : conversation;

export function previewOf(message: MessageDto): MessagePreview {
  if (message.deleted)
    return { id: message.id, senderId: message.sender.id, body: null, hasImage: false, createdAt: message.createdAt, deleted: true };
  return {
    id: message.id,
    senderId: message.sender.id,
    body: message.body && message.body.length > 120 ? `${message.body.slice(0, 119)}…` : message.body,
    hasImage: message.image !== null,
    createdAt: message.createdAt,
    ...(message.attachments?.length ? { files: message.attachments.length } : {}),
  };
}

/**
 * Conversations newest activity first; before them the chats I pinned (newest pin first), and
 * before all the pinned one (my Parley AI chat).
 */
export function sortConversations(
  conversations: Record<string, ConversationSummary>,
  pinnedId: string | null = null,
): ConversationSummary[] {
  const pinTime = (c: ConversationSummary) => (c.pinnedAt ? Date.parse(c.pinnedAt) : 0);
  return Object.values(conversations).sort(
    (a, b) =>
      Number(b.id === pinnedId) - Number(a.id === pinnedId) ||
      pinTime(b) - pinTime(a) ||
      Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) ||
      (a.id < b.id ? 1 : -1),
  );
}

/** The list's filter row (issue 15): all my chats, those with something unread, groups, message requests. */
export type ListFilter = "all" | "unread" | "groups" | "requests";

const FILTERED: Record<Exclude<ListFilter, "all">, (c: ConversationSummary) => boolean> = {
  unread: (c) => c.unreadCount > 0 || c.markedUnread,
  groups: (c) => c.isGroup,
  // A request from someone I blocked waits for nothing.
  requests: (c) => c.messageRequest === true && !c.blockedByMe,
};

/** What the list shows: my inbox (filtered) or my Archived folder, in list order. */
export function listView(sorted: ConversationSummary[], folder: "inbox" | "archived", filter: ListFilter = "all"): ConversationSummary[] {
  if (folder === "archived") return sorted.filter((c) => c.archivedAt);
  return sorted.filter((c) => !c.archivedAt && (filter === "all" || FILTERED[filter](c)));
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
