// Realtime events of the receipts capability. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema, isoDateSchema, safeUserSchema } from "@/lib/chat/kernel/dto";

export const RECEIPT_EVENTS = {
  /** On private-conversation-<id>: `user` has seen every message up to and including `upTo`. */
  messageSeen: "message:seen",
  /**
   * On private-conversation-<id>: a client of `userId` received every message of the others up to
   * and including `upTo` (one event per conversation per delivery report, however many messages).
   */
  messageDelivered: "message:delivered",
} as const;

export const receiptEventSchemas = {
  [RECEIPT_EVENTS.messageSeen]: z.object({
    conversationId: idSchema,
    user: safeUserSchema,
    upTo: z.object({ id: idSchema, createdAt: isoDateSchema }),
  }),
  [RECEIPT_EVENTS.messageDelivered]: z.object({
    conversationId: idSchema,
    userId: idSchema,
    upTo: z.object({ id: idSchema, createdAt: isoDateSchema }),
  }),
} as const;
