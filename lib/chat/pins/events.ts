// Realtime event of pinning (issue 13), on private-conversation-<id>: the conversation's pins
// after a pin or an unpin (at most PINS_MAX small entries), so every member's pin bar in every tab
// is replaced at once. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";
import { pinSchema } from "./dto";
import { PINS_MAX } from "./limits";

export const PIN_EVENTS = {
  pins: "conversation:pins",
} as const;

export const pinEventSchemas = {
  [PIN_EVENTS.pins]: z.object({ conversationId: idSchema, pins: z.array(pinSchema).check(z.maxLength(PINS_MAX)) }),
} as const;
