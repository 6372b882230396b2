// "Mark as unread" capability: my other tab or device marked a conversation unread (or read).
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const unreadMark: Capability = ({ store }) => ({
  user: {
    [EVENTS.unreadMark]: (event) => store.getState().patchConversation(event.id, { markedUnread: event.markedUnread }),
  },
});
