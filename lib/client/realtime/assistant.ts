// The assistant capability: progress of an answer generated for me (my other tabs and devices).
import { publishAssistantProgress } from "@/lib/client/assistant-progress";
import { EVENTS } from "@/lib/realtime/events";
import type { Capability } from "./dispatcher";

export const assistant: Capability = () => ({
  user: {
    [EVENTS.assistantProgress]: (event) => publishAssistantProgress(event),
  },
});
