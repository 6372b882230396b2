// Inputs of the message actions (zod 4): edit, delete, react, forward. Parsed by the domain
// operations themselves; route handlers and server actions pass what they received.
import { z } from "zod";
import { NO_NUL, noNul, recordIdSchema } from "@/lib/chat/kernel/input";
import { MESSAGE_LIMITS } from "@/lib/chat/messages/limits";
import { EMOJI_MAX_LENGTH, normalizeEmoji } from "./emoji";
import { MESSAGE_ACTION_LIMITS } from "./limits";

export const FORWARD_TARGETS_MAX = MESSAGE_ACTION_LIMITS.forwardTargetsMax;

export const editMessageSchema = z.object({
  body: z
    .string({ error: "must be text" })
    .trim()
    .min(1, { message: "cannot be empty (delete the message instead)" })
    .max(MESSAGE_LIMITS.messageBodyMax, { message: `must be at most ${MESSAGE_LIMITS.messageBodyMax} characters` })
    .refine(noNul, NO_NUL),
});
export type EditMessageInput = z.input<typeof editMessageSchema>;

export const deleteMessageSchema = z.object({
  /** "me": hidden from my view only; "everyone": a tombstone for every member. */
  scope: z.enum(["me", "everyone"], { error: 'must be "me" or "everyone"' }),
});
export type DeleteMessageInput = z.input<typeof deleteMessageSchema>;

export const reactionSchema = z.object({
  emoji: z
    .string({ error: "must be an emoji" })
    .max(EMOJI_MAX_LENGTH, { message: `must be at most ${EMOJI_MAX_LENGTH} characters` })
    .transform((value, ctx) => {
      const emoji = normalizeEmoji(value);
      if (emoji === null) {
        ctx.addIssue({ code: "custom", message: "must be exactly one emoji" });
        return z.NEVER;
      }
      return emoji;
    }),
});
export type ReactionInput = z.input<typeof reactionSchema>;

export const forwardMessageSchema = z.object({
  conversationIds: z
    .array(recordIdSchema, { error: "must be a list of conversation ids" })
    .min(1, { message: "must name at least one conversation" })
    .max(FORWARD_TARGETS_MAX, { message: `must name at most ${FORWARD_TARGETS_MAX} conversations` })
    .transform((ids) => [...new Set(ids)]),
});
export type ForwardMessageInput = z.input<typeof forwardMessageSchema>;
