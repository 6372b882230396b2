// Realtime event of message requests (issue 15), on the receiver's own private-user-<id> channel:
// every tab and device of theirs shows or drops the request banner and the Requests filter entry.
// Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";

export const MESSAGE_REQUEST_EVENTS = {
  /** My 1:1 `id` is (no longer) a message request waiting for my answer. */
  messageRequest: "conversation:message-request",
} as const;

export const messageRequestEventSchemas = {
  [MESSAGE_REQUEST_EVENTS.messageRequest]: z.object({ id: idSchema, pending: z.boolean() }),
} as const;
