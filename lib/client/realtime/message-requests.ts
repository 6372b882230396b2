// Message requests capability (issue 15): my other tab or device answered a message request (or we
// became contacts): the banner and the Requests filter entry follow.
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const messageRequests: Capability = ({ store }) => ({
  user: {
    [EVENTS.messageRequest]: (event) => store.getState().patchConversation(event.id, { messageRequest: event.pending || undefined }),
  },
});
