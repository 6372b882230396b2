// Presence slice: who is online (presence channel members per conversation) and who is typing.
import type { ChatSlice } from "./types";

export interface PresenceSlice {
  /** conversationId → user ids present on its presence channel. */
  presence: Record<string, string[]>;
  /** conversationId → user ids typing. */
  typing: Record<string, string[]>;
  setPresence(conversationId: string, userIds: string[]): void;
  addPresence(conversationId: string, userId: string): void;
  removePresence(conversationId: string, userId: string): void;
  setTyping(conversationId: string, userIds: string[]): void;
}

export const createPresenceSlice: ChatSlice<PresenceSlice> = () => (set) => ({
  presence: {},
  typing: {},

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
          conversations[id] = {
            ...conversation,
            members: conversation.members.map((m) => (m.id === userId ? { ...m, lastActiveAt: now } : m)),
          };
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
});

/** Whether `userId` is on the presence channel of any conversation I hold. */
export function isOnline(presence: Record<string, string[]>, userId: string): boolean {
  return Object.values(presence).some((ids) => ids.includes(userId));
}
