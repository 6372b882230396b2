// Input schemas of the chat operations (zod 4), shared by route handlers, server actions and the
// UI's forms. Limits live here so the UI can show them.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { decodeCursor } from "./cursor";
import { isRecordId } from "./ids";
import { isAllowedImageUrl } from "./images";

export const LIMITS = {
  messageBodyMax: 2000,
  imageUrlMax: 2048,
  groupNameMax: 80,
  /** Members of a group, creator included (keeps presence channels and event payloads small). */
  groupMembersMax: 50,
  groupOtherMembersMin: 2,
  messagesPage: 50,
  conversationsPage: 30,
  conversationsPageMax: 50,
  userSearchMax: 20,
  userQueryMax: 100,
} as const;

/**
 * PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is not valid Unicode: refuse both
 * as bad input instead of failing in the database driver (500).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const noNul = (value: string) => !value.includes("\u0000") && !LONE_SURROGATE.test(value);
const NO_NUL = { message: "must be valid text (no NUL characters or broken Unicode)" };

export const recordIdSchema = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .refine(isRecordId, { message: "must be a valid id" });

const cursorSchema = z
  .string()
  .trim()
  .refine((value) => decodeCursor(value) !== null, { message: "is not a valid cursor" });

export const sendMessageSchema = z
  .object({
    /** Client-generated message id (UUID on PostgreSQL, ObjectId on MongoDB): a retry reuses it. */
    id: recordIdSchema,
    body: z
      .string({ error: "must be text" })
      .trim()
      .max(LIMITS.messageBodyMax, { message: `must be at most ${LIMITS.messageBodyMax} characters` })
      .refine(noNul, NO_NUL)
      .nullish()
      .transform((value) => (value ? value : null)),
    image: z
      .string({ error: "must be a URL" })
      .trim()
      .max(LIMITS.imageUrlMax, { message: "is too long" })
      .refine((value) => value === "" || isAllowedImageUrl(value), {
        message: "must be an uploaded image or an https URL on an allowed host",
      })
      .nullish()
      .transform((value) => (value ? value : null)),
  })
  .refine((value) => value.body !== null || value.image !== null, {
    message: "A message needs text or an image.",
    path: ["body"],
  });
export type SendMessageInput = z.input<typeof sendMessageSchema>;

export const messagePageSchema = z
  .object({
    before: cursorSchema.optional(),
    after: cursorSchema.optional(),
    limit: z.coerce
      .number({ error: "must be a number" })
      .int({ message: "must be an integer" })
      .min(1, { message: "must be at least 1" })
      .max(LIMITS.messagesPage, { message: `must be at most ${LIMITS.messagesPage}` })
      .default(LIMITS.messagesPage),
  })
  .refine((value) => !(value.before && value.after), { message: "Use either before or after, not both.", path: ["before"] });
export type MessagePageInput = z.input<typeof messagePageSchema>;

export const conversationPageSchema = z.object({
  cursor: cursorSchema.optional(),
  limit: z.coerce
    .number({ error: "must be a number" })
    .int({ message: "must be an integer" })
    .min(1, { message: "must be at least 1" })
    .max(LIMITS.conversationsPageMax, { message: `must be at most ${LIMITS.conversationsPageMax}` })
    .default(LIMITS.conversationsPage),
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
    .max(LIMITS.groupNameMax, { message: `must be at most ${LIMITS.groupNameMax} characters` })
    .refine(noNul, NO_NUL),
  memberIds: z
    .array(recordIdSchema, { error: "must be a list of user ids" })
    .max(LIMITS.groupMembersMax, { message: `may list at most ${LIMITS.groupMembersMax - 1} other people` }),
});
export type CreateGroupInput = Omit<z.input<typeof createGroupSchema>, "type">;

/** Body of POST /api/conversations. */
export const createConversationSchema = z.discriminatedUnion("type", [startDirectSchema, createGroupSchema], {
  error: 'type must be "direct" or "group"',
});

export const markSeenSchema = z.object({ messageId: recordIdSchema });
export type MarkSeenInput = z.input<typeof markSeenSchema>;

export const userSearchSchema = z.object({
  query: z
    .string({ error: "is required" })
    .trim()
    .min(1, { message: "is required" })
    .max(LIMITS.userQueryMax, { message: `must be at most ${LIMITS.userQueryMax} characters` })
    .refine(noNul, NO_NUL),
});

/** Parses `input` or throws AppError("bad_request") naming the fields, never a 500. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0];
  const path = first?.path.join(".");
  const message = first ? (path && !/^[A-Z]/.test(first.message) ? `${path} ${first.message}` : first.message) : "Invalid input.";
  throw new AppError("bad_request", message, fields);
}
