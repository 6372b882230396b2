// Receipts slice: "seen" and "delivered" events mark the held messages as seen by / delivered to a member.
import type { EventPayload, EVENTS } from "@/lib/realtime/events";
import { applyDelivered, applySeen } from "@/lib/realtime/resync";
import type { UiMessage } from "./types";
import type { MessageViewSlice } from "./types";

export interface ReceiptsSlice {
  applySeenEvent(event: EventPayload<typeof EVENTS.messageSeen>): void;
  applyDeliveredEvent(event: EventPayload<typeof EVENTS.messageDelivered>): void;
}

export const createReceiptsSlice: MessageViewSlice<ReceiptsSlice> = (set) => {
  const patch = (conversationId: string, change: (items: UiMessage[]) => UiMessage[]) =>
    set((state) => {
      const held = state.messages[conversationId];
      if (!held) return {};
      return { messages: { ...state.messages, [conversationId]: { ...held, items: change(held.items) } } };
    });
  return {
    applySeenEvent(event) {
      patch(event.conversationId, (items) => applySeen(items, event));
    },
    applyDeliveredEvent(event) {
      patch(event.conversationId, (items) => applyDelivered(items, event));
    },
  };
};
