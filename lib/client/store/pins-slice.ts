// Pins slice (issue 13): a conversation's pins live on its summary (ConversationSummary.pins,
// loaded with the list); conversation:pins replaces them for every member, in every tab.
import type { Pin } from "@/lib/chat/pins/dto";
import type { MessageViewSlice } from "./types";

export interface PinsSlice {
  applyPins(conversationId: string, pins: Pin[]): void;
}

export const createPinsSlice: MessageViewSlice<PinsSlice> = (set) => ({
  applyPins(conversationId, pins) {
    set((state) => {
      const held = state.conversations[conversationId];
      return held ? { conversations: { ...state.conversations, [conversationId]: { ...held, pins } } } : {};
    });
  },
});
