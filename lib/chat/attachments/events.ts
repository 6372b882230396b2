// Realtime events of attachments (issue 14). Browser-safe (zod/mini): a small patch, never the file.
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";

export const ATTACHMENT_EVENTS = {
  /** On private-conversation-<id>: a member played a voice note for the first time. */
  voicePlayed: "attachment:played",
} as const;

export const attachmentEventSchemas = {
  [ATTACHMENT_EVENTS.voicePlayed]: z.object({
    conversationId: idSchema,
    messageId: idSchema,
    attachmentId: idSchema,
    userId: idSchema,
  }),
} as const;
