// Realtime events of the messages capability. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { messageDtoSchema } from "./dto";

export const MESSAGE_EVENTS = {
  /** On private-conversation-<id>: a message was stored. */
  messageNew: "message:new",
} as const;

export const messageEventSchemas = {
  [MESSAGE_EVENTS.messageNew]: z.extend(messageDtoSchema, {
    /** Set when the body did not fit in an event: fetch the message (resync) to read it. */
    truncated: z.optional(z.literal(true)),
  }),
} as const;
