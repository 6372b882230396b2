// Presence capability: who is on a conversation's presence channel, and who is typing there
// (client events; a typing indicator expires unless refreshed, and a message ends it).
import { EVENTS } from "@/lib/realtime/events";
import { TypingTracker } from "@/lib/realtime/typing";
import { PUSHER_EVENTS, type Capability } from "./dispatcher";

export const presence: Capability = ({ store, meId }) => {
  const trackers = new Map<string, TypingTracker>();
  const refreshTyping = (conversationId: string) => {
    const tracker = trackers.get(conversationId);
    store.getState().setTyping(conversationId, tracker ? tracker.active() : []);
  };
  const typingTimer = setInterval(() => {
    for (const id of trackers.keys()) refreshTyping(id);
  }, 1_000);

  return {
    subscribe(conversationId) {
      trackers.set(conversationId, new TypingTracker());
    },
    unsubscribe(conversationId) {
      trackers.delete(conversationId);
      store.getState().setPresence(conversationId, []);
      store.getState().setTyping(conversationId, []);
    },
    dispose() {
      clearInterval(typingTimer);
    },
    conversation: {
      // A message from someone ends their typing indicator.
      [EVENTS.messageNew]: (event, { conversationId }) => {
        trackers.get(conversationId)?.update(event.sender.id, false);
        refreshTyping(conversationId);
      },
    },
    presence: {
      [PUSHER_EVENTS.subscribed]: ({ members }, { conversationId }) => store.getState().setPresence(conversationId, Object.keys(members)),
      [PUSHER_EVENTS.memberAdded]: (member, { conversationId }) => store.getState().addPresence(conversationId, member.id),
      [PUSHER_EVENTS.memberRemoved]: (member, { conversationId }) => {
        store.getState().removePresence(conversationId, member.id);
        trackers.get(conversationId)?.update(member.id, false);
        refreshTyping(conversationId);
      },
      [EVENTS.typing]: (event, { conversationId, senderId }) => {
        if (!senderId || senderId === meId) return;
        trackers.get(conversationId)?.update(senderId, event.typing);
        refreshTyping(conversationId);
      },
    },
  };
};
