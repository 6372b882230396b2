// Input schemas of the conversations capability (zod 4).
import { z } from "zod";
import { NO_NUL, cursorSchema, noNul, pageLimitSchema, recordIdSchema } from "@/lib/chat/kernel/input";
import { CONVERSATION_LIMITS } from "./limits";

export const conversationPageSchema = z.object({
  cursor: cursorSchema.optional(),
  /** My chats (pinned first) or my Archived folder (lib/chat/chat-list). */
  folder: z.enum(["inbox", "archived"], { error: 'must be "inbox" or "archived"' }).default("inbox"),
  limit: pageLimitSchema(CONVERSATION_LIMITS.conversationsPageMax, CONVERSATION_LIMITS.conversationsPage),
});
export type ConversationPageInput = z.input<typeof conversationPageSchema>;

export const startDirectSchema = z.object({
  type: z.literal("direct"),
  userId: recordIdSchema,
});

export const createGroupSchema = z.object({
  type: z.literal("group"),
  name: z
    .string({ error: "is required" })
    .trim()
    .min(1, { message: "is required" })
    .max(CONVERSATION_LIMITS.groupNameMax, { message: `must be at most ${CONVERSATION_LIMITS.groupNameMax} characters` })
    .refine(noNul, NO_NUL),
  memberIds: z
    .array(recordIdSchema, { error: "must be a list of user ids" })
    .max(CONVERSATION_LIMITS.groupMembersMax, { message: `may list at most ${CONVERSATION_LIMITS.groupMembersMax - 1} other people` }),
});
export type CreateGroupInput = Omit<z.input<typeof createGroupSchema>, "type">;

/** Body of POST /api/conversations. */
export const createConversationSchema = z.discriminatedUnion("type", [startDirectSchema, createGroupSchema], {
  error: 'type must be "direct" or "group"',
});
