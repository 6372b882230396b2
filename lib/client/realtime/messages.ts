// Messages capability: new messages on a conversation channel; a (re)subscription resyncs the
// held list, and a truncated event (body too big for an event) fetches the message instead.
import type { UiMessage } from "@/lib/client/store";
import { EVENTS } from "@/lib/realtime/events";
import { PUSHER_EVENTS, type Capability } from "./dispatcher";
import { resyncConversation } from "./sync";

export const messages: Capability = ({ store }) => ({
  conversation: {
    [PUSHER_EVENTS.subscribed]: (_data, { conversationId }) => void resyncConversation(store, conversationId),
    [EVENTS.messageNew]: (event, { conversationId }) => {
      if (event.truncated) void resyncConversation(store, conversationId);
      else store.getState().mergeIncoming(conversationId, [event as UiMessage]);
    },
  },
});
