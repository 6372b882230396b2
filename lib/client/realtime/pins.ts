// Pins capability (issue 13): a member pinned or unpinned a message; the pin bar shows the new pins.
// A change published between the page's server render and the subscription would be missed, so
// when the channel of the open chat is subscribed (page load, reconnect) its summary, which carries
// the pins, is read again (one request, for that chat only; a reconnect also refreshes the list).
import { EVENTS } from "@/lib/realtime/events";
import { PUSHER_EVENTS, type Capability } from "./dispatcher";
import { fetchConversation } from "./sync";

export const pins: Capability = ({ store }) => ({
  conversation: {
    [EVENTS.pins]: (event) => store.getState().applyPins(event.conversationId, event.pins),
    [PUSHER_EVENTS.subscribed]: (_data, { conversationId }) => {
      if (store.getState().activeId === conversationId) void fetchConversation(store, conversationId);
    },
  },
});
