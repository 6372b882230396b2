// Realtime event of starring (issue 13), on my own private-user-<id> channel: stars are mine only,
// so my other tabs and devices mark (or unmark) the message. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";

export const STAR_EVENTS = {
  star: "message:star",
} as const;

export const starEventSchemas = {
  [STAR_EVENTS.star]: z.object({ id: idSchema, conversationId: idSchema, starred: z.boolean() }),
} as const;
