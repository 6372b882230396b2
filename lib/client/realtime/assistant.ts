// The assistant capability: progress of an answer generated for me (my other tabs and devices);
// `@ai` in a chat (issue 19): its members turned it on or off, and an answer being written there
// (or my question refused, on my user channel).
import { publishAssistantProgress } from "@/lib/client/assistant-progress";
import { applyChatAnswer } from "@/lib/client/assistant-answers";
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const assistant: Capability = ({ store }) => ({
  user: {
    [EVENTS.assistantProgress]: (event) => publishAssistantProgress(event),
    [EVENTS.assistantAnswer]: (event) => applyChatAnswer(event),
  },
  conversation: {
    [EVENTS.assistantChat]: (event, { conversationId }) =>
      store.getState().patchConversation(conversationId, { assistantInChat: event.enabled }),
    [EVENTS.assistantAnswer]: (event, { conversationId }) => applyChatAnswer({ ...event, conversationId }),
  },
});
