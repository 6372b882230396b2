// Receipts capability: "seen" and "delivered" events on a conversation channel, and this
// connection's delivery reports (lib/client/receipts: what reached this client, in batches).
import { startDeliveryReporter } from "@/lib/client/receipts";
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const receipts: Capability = ({ store, meId }) => {
  const reporter = startDeliveryReporter(store, meId);
  return {
    conversation: {
      [EVENTS.messageSeen]: (event) => store.getState().applySeenEvent(event),
      [EVENTS.messageDelivered]: (event) => store.getState().applyDeliveredEvent(event),
    },
    dispose: () => reporter.dispose(),
  };
};
