// Inputs of the assistant capability (zod): the opt-in and a reply request.
import { z } from "zod";
import { recordIdSchema } from "@/lib/chat/kernel/input";

export const setAssistantSchema = z.object({ enabled: z.boolean({ error: "must be true or false" }) }).strict();
export type SetAssistantInput = z.input<typeof setAssistantSchema>;

export const replyRequestSchema = z
  .object({
    conversationId: recordIdSchema,
    /** true: replace the assistant's last answer with a new one. */
    regenerate: z.boolean({ error: "must be true or false" }).default(false),
  })
  .strict();
export type ReplyRequestInput = z.input<typeof replyRequestSchema>;
