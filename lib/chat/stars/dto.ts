// What the Starred view says (issue 13): my starred messages across my chats, newest star first,
// each with its sender, its chat, a plain-text snippet and its time. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema, isoDateSchema, safeUserSchema } from "@/lib/chat/kernel/dto";

export const starredItemSchema = z.object({
  starredAt: isoDateSchema,
  message: z.object({
    id: idSchema,
    conversationId: idSchema,
    sender: safeUserSchema,
    /** At most STAR_LIMITS.snippetLength characters of its text (mentions as names); null when it has none. */
    snippet: z.nullable(z.string()),
    hasImage: z.boolean(),
    createdAt: isoDateSchema,
  }),
  conversation: z.object({
    id: idSchema,
    isGroup: z.boolean(),
    /** The group's name; for a 1:1, the other member's name. */
    title: z.nullable(z.string()),
  }),
});
export type StarredItem = z.infer<typeof starredItemSchema>;

export const starredPageSchema = z.object({
  items: z.array(starredItemSchema),
  /** Pass as `cursor` for the next (older) page; null when there is none. */
  nextCursor: z.nullable(z.string()),
});
export type StarredPage = z.infer<typeof starredPageSchema>;
