// Receipts slice: "seen" events mark the held messages as seen by a member.
import type { EventPayload, EVENTS } from "@/lib/realtime/events";
import { applySeen } from "@/lib/realtime/resync";
import type { ChatSlice } from "./types";

export interface ReceiptsSlice {
  applySeenEvent(event: EventPayload<typeof EVENTS.messageSeen>): void;
}

export const createReceiptsSlice: ChatSlice<ReceiptsSlice> = () => (set) => ({
  applySeenEvent(event) {
    set((state) => {
      const held = state.messages[event.conversationId];
      if (!held) return {};
      return { messages: { ...state.messages, [event.conversationId]: { ...held, items: applySeen(held.items, event) } } };
    });
  },
});
