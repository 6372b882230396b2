// Chat list capability (issue 15): my other tab or device pinned, muted or archived a chat, or a new
// message brought an archived chat back, or a chat left my list (the folder's count). A chat this
// tab does not hold is not fetched here: a message that brings one back also sends
// conversation:update, which fetches it (./conversations.ts), with my state of it.
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const chatList: Capability = ({ store }) => ({
  user: {
    [EVENTS.listState]: (event) => store.getState().applyListState(event),
  },
});
