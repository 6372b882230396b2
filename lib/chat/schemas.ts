// TEMPORARY shim
import { CONVERSATION_LIMITS } from "./conversations/limits";
import { MESSAGE_LIMITS } from "./messages/limits";
export const LIMITS = { ...MESSAGE_LIMITS, ...CONVERSATION_LIMITS } as const;
