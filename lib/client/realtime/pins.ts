// Pins capability (issue 13): a member pinned or unpinned a message; the pin bar shows the new pins.
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const pins: Capability = ({ store }) => ({
  conversation: {
    [EVENTS.pins]: (event) => store.getState().applyPins(event.conversationId, event.pins),
  },
});
