// Conversations capability: my list changes, on my user channel.
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";
import { fetchConversation } from "./sync";

export const conversations: Capability = ({ store }) => ({
  user: {
    [EVENTS.conversationNew]: (event) => void fetchConversation(store, event.id),
    [EVENTS.conversationUpdate]: (event) => {
      const state = store.getState();
      if (!state.conversations[event.id]) void fetchConversation(store, event.id);
      else {
        state.applyConversationUpdate(event);
        if (event.memberIds) void fetchConversation(store, event.id);
      }
    },
    [EVENTS.conversationRemove]: (event) => store.getState().removeConversation(event.id),
  },
});
