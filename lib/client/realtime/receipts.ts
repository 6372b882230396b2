// Receipts capability: "seen" events on a conversation channel.
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const receipts: Capability = ({ store }) => ({
  conversation: {
    [EVENTS.messageSeen]: (event) => store.getState().applySeenEvent(event),
  },
});
