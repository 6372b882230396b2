// Stars slice (issue 13): my star on held messages, from my own optimistic change and from my
// other tabs (message:star on my user channel). Stars are mine only: the history page says which
// messages I starred (MessageDto.starred).
import type { MessageViewSlice, MessageState } from "./types";

export interface StarsSlice {
  applyStar(conversationId: string, id: string, starred: boolean): void;
}

export const createStarsSlice: MessageViewSlice<StarsSlice> = (set) => ({
  applyStar(conversationId, id, starred) {
    set((state) => {
      const held: MessageState | undefined = state.messages[conversationId];
      const at = held?.items.findIndex((m) => m.id === id) ?? -1;
      if (!held || at === -1 || Boolean(held.items[at]!.starred) === starred) return {};
      const items = held.items.map((m, i) => (i === at ? { ...m, starred: starred || undefined } : m));
      return { messages: { ...state.messages, [conversationId]: { ...held, items } } };
    });
  },
});
