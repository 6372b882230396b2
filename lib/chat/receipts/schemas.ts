// Input schemas of the receipts capability.
import { z } from "zod";
import { recordIdSchema } from "@/lib/chat/kernel/input";
import { DELIVERED_BATCH_MAX } from "./limits";

export const markSeenSchema = z.object({ messageId: recordIdSchema });
export type MarkSeenInput = z.input<typeof markSeenSchema>;

/**
 * A client's batch of delivery reports: "my client holds every message of this conversation up to
 * and including `upTo`". One entry per conversation (the newest message received there).
 */
export const markDeliveredSchema = z.object({
  items: z
    .array(z.object({ conversationId: recordIdSchema, upTo: recordIdSchema }))
    .min(1, { message: "must list at least one conversation" })
    .max(DELIVERED_BATCH_MAX, { message: `must list at most ${DELIVERED_BATCH_MAX} conversations` }),
});
export type MarkDeliveredInput = z.input<typeof markDeliveredSchema>;

export const messageInfoSchema = z.object({ messageId: recordIdSchema });
