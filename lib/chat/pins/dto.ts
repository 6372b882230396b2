// What the API and events say about a conversation's pinned messages (issue 13): the pin bar's
// entries, oldest pin first. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema, isoDateSchema } from "@/lib/chat/kernel/dto";
import { messagePreviewSchema } from "@/lib/chat/messages/dto";

export const pinSchema = z.object({
  /** The pinned message as the list previews it (sender id, at most PREVIEW_LENGTH characters, image). */
  message: messagePreviewSchema,
  pinnedById: idSchema,
  pinnedAt: isoDateSchema,
});
export type Pin = z.infer<typeof pinSchema>;
