// Attachments capability (issue 14): a member's first play of a voice note, on the conversation
// channel — its sender sees "Played", the listener's other tabs stop showing it as new.
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const attachments: Capability = ({ store }) => ({
  conversation: {
    [EVENTS.voicePlayed]: (event) =>
      store.getState().applyVoicePlayed(event.conversationId, event.messageId, event.attachmentId, event.userId),
  },
});
