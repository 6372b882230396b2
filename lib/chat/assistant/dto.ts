// What the browser learns about the assistant (browser-safe): whether the server has one, whether I
// opted in, and my chat with it. Never the provider's URL, model or key.
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";
import { messageDtoSchema } from "@/lib/chat/messages/dto";

export const assistantStatusSchema = z.object({
  available: z.boolean(),
  enabled: z.boolean(),
  /** Smart replies (suggested replies in my other chats) turned on. */
  smartReplies: z.boolean(),
  botUserId: z.nullable(idSchema),
  conversationId: z.nullable(idSchema),
});
export type AssistantStatus = z.infer<typeof assistantStatusSchema>;

/** One line of the streaming reply (NDJSON): start, text deltas, then exactly one end line. */
export const replyLineSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), replyId: idSchema, replaces: z.nullable(idSchema) }),
  z.object({ type: z.literal("delta"), text: z.string() }),
  z.object({ type: z.literal("done"), status: z.enum(["done", "stopped"]), message: z.nullable(messageDtoSchema) }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type ReplyLine = z.infer<typeof replyLineSchema>;

/** Smart replies for the newest message of a chat: empty when it is mine (nothing to reply to). */
export const suggestionsSchema = z.object({ messageId: z.nullable(idSchema), suggestions: z.array(z.string()) });
export type Suggestions = z.infer<typeof suggestionsSchema>;

/** Catch me up: a short summary of my unread messages in a chat (for me only, never stored as a message). */
export const catchUpSchema = z.object({
  summary: z.string(),
  /** How many unread messages the summary covers (at most AI_MAX_CONTEXT_MESSAGES, the newest). */
  messageCount: z.number(),
});
export type CatchUp = z.infer<typeof catchUpSchema>;
