// Pins capability (issue 13): a member pinned or unpinned a message; the pin bar shows the new pins.
// A change published between the page's server render and the subscription would be missed, so
// when the channel of the open chat is subscribed (page load, reconnect) its summary, which carries
// the pins, is read again (one request, for that chat only; a reconnect also refreshes the list).
import { EVENTS } from "@/lib/realtime/events";
import type { MessageStore } from "@/lib/client/store/message-slices";
import { PUSHER_EVENTS, type Capability } from "./dispatcher";
import { fetchConversation } from "./sync";

/**
 * The chat on screen. The view marks itself active when it mounts, but on a page load it may hydrate
 * after the connection is live (it streams in under the route's loading state), so until then the
 * URL says which chat is open (CI: an unpin published in that gap stayed in the bar after a reload).
 */
export function isOpenChat(store: MessageStore, conversationId: string): boolean {
  const activeId = store.getState().activeId;
  if (activeId !== null) return activeId === conversationId;
  return globalThis.location?.pathname === `/chat/${conversationId}`;
}

export const pins: Capability = ({ store }) => ({
  conversation: {
    [EVENTS.pins]: (event) => store.getState().applyPins(event.conversationId, event.pins),
    [PUSHER_EVENTS.subscribed]: (_data, { conversationId }) => {
      if (isOpenChat(store, conversationId)) void fetchConversation(store, conversationId);
    },
  },
});
