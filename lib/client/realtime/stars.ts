// Stars capability (issue 13): a star I set or removed on another tab or device (my user channel).
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const stars: Capability = ({ store }) => ({
  user: {
    [EVENTS.star]: (event) => store.getState().applyStar(event.conversationId, event.id, event.starred),
  },
});
