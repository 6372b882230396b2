// Message actions capability (issue 13, part A): edits and deletions for everyone, reactions (on a
// conversation channel), and messages I deleted for me on another tab or device (my user channel).
// A truncated edit (body too large for an event) fetches the message instead.
import { chatApi } from "@/lib/client/api";
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const messageActions: Capability = ({ store }) => ({
  conversation: {
    [EVENTS.messageUpdate]: (event) => {
      if (event.truncated) {
        void chatApi
          .messages(event.conversationId, { around: event.id, limit: "1" })
          .then((page) => {
            const fresh = page.messages.find((m) => m.id === event.id);
            if (fresh)
              store.getState().applyMessageUpdate(event.conversationId, event.id, { body: fresh.body, editedAt: fresh.editedAt ?? null });
          })
          .catch(() => {});
        return;
      }
      store.getState().applyMessageUpdate(event.conversationId, event.id, {
        ...(event.body !== undefined ? { body: event.body } : {}),
        ...(event.editedAt ? { editedAt: event.editedAt } : {}),
        ...(event.deleted ? { deleted: true } : {}),
      });
    },
    [EVENTS.messageReaction]: (event) =>
      store.getState().applyReaction(event.conversationId, event.id, event.userId, event.emoji, event.on),
  },
  user: {
    [EVENTS.messageHidden]: (event) => store.getState().dropMessage(event.conversationId, event.id),
  },
});
