// Realtime events of the message actions. Small patches of a held message, never the whole
// message: an edit (new body), a delete for everyone (tombstone: no content at all), one reaction
// added or removed, and "deleted for me" on my own user channel (my other tabs and devices).
// Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema, isoDateSchema } from "@/lib/chat/kernel/dto";

export const MESSAGE_ACTION_EVENTS = {
  /** On private-conversation-<id>: a message was edited, or deleted for everyone. */
  messageUpdate: "message:update",
  /** On private-conversation-<id>: a member added or removed one reaction. */
  messageReaction: "message:reaction",
  /** On private-user-<id>: I deleted a message for me (my other tabs drop it). */
  messageHidden: "message:hidden",
} as const;

export const messageActionEventSchemas = {
  [MESSAGE_ACTION_EVENTS.messageUpdate]: z.object({
    id: idSchema,
    conversationId: idSchema,
    /** Edited: the new body (absent when `truncated`: fetch the message). */
    body: z.optional(z.nullable(z.string())),
    editedAt: z.optional(isoDateSchema),
    /** Deleted for everyone: drop the content, show the tombstone. */
    deleted: z.optional(z.literal(true)),
    truncated: z.optional(z.literal(true)),
  }),
  [MESSAGE_ACTION_EVENTS.messageReaction]: z.object({
    id: idSchema,
    conversationId: idSchema,
    userId: idSchema,
    emoji: z.string().check(z.maxLength(64)),
    /** true: added, false: removed. */
    on: z.boolean(),
  }),
  [MESSAGE_ACTION_EVENTS.messageHidden]: z.object({ id: idSchema, conversationId: idSchema }),
} as const;
