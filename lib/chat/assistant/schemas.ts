// Inputs of the assistant capability (zod): the opt-ins, a reply request, a smart-replies request
// and the shape the model must answer smart replies in.
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

/** Smart replies: asked for the newest message of a chat of mine. */
export const suggestRequestSchema = z.object({ conversationId: recordIdSchema }).strict();
export type SuggestRequestInput = z.input<typeof suggestRequestSchema>;

/** The most suggestions one request answers, and the longest one (characters). */
export const SMART_REPLY_LIMITS = { count: 3, maxChars: 80 } as const;

/** What the model must answer for smart replies: a JSON array of up to three short strings. */
export const modelSuggestionsSchema = z
  .array(z.string().trim().min(1).max(SMART_REPLY_LIMITS.maxChars))
  .min(1)
  .max(SMART_REPLY_LIMITS.count);

/**
 * Catch me up: a summary of my unread messages in a chat of mine. `fromMessageId` is the first
 * message I had not read when I opened the chat (its "New messages" divider: opening the chat marks
 * everything seen, so the browser names where my unread messages began); without it, the messages
 * unread now.
 */
export const catchUpRequestSchema = z.object({ conversationId: recordIdSchema, fromMessageId: recordIdSchema.optional() }).strict();
export type CatchUpRequestInput = z.input<typeof catchUpRequestSchema>;
