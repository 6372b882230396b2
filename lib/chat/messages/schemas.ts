// Input schemas of the messages capability (zod 4), shared by route handlers, server actions and
// the domain functions, which parse their own input.
import { z } from "zod";
import { NO_NUL, cursorSchema, noNul, pageLimitSchema, recordIdSchema } from "@/lib/chat/kernel/input";
import { isAllowedImageUrl } from "./images";
import { MESSAGE_LIMITS } from "./limits";
import { ATTACHMENT_LIMITS } from "@/lib/chat/attachments/limits";

export const sendMessageSchema = z
  .object({
    /** Client-generated message id (UUID on PostgreSQL, ObjectId on MongoDB): a retry reuses it. */
    id: recordIdSchema,
    body: z
      .string({ error: "must be text" })
      .trim()
      .max(MESSAGE_LIMITS.messageBodyMax, { message: `must be at most ${MESSAGE_LIMITS.messageBodyMax} characters` })
      .refine(noNul, NO_NUL)
      .nullish()
      .transform((value) => (value ? value : null)),
    image: z
      .string({ error: "must be a URL" })
      .trim()
      .max(MESSAGE_LIMITS.imageUrlMax, { message: "is too long" })
      .refine((value) => value === "" || isAllowedImageUrl(value), {
        message: "must be an uploaded image or an https URL on an allowed host",
      })
      .nullish()
      .transform((value) => (value ? value : null)),
    /** Attachments (issue 14): my pending uploads (POST /api/attachments), in display order, at most 10. */
    attachmentIds: z
      .array(recordIdSchema, { error: "must be a list of attachment ids" })
      .max(ATTACHMENT_LIMITS.perMessage, { message: `can hold at most ${ATTACHMENT_LIMITS.perMessage} files` })
      .refine((ids) => new Set(ids).size === ids.length, { message: "must not repeat a file" })
      .optional()
      .transform((value) => value ?? []),
    /** The message this one replies to: a message of the same conversation I can see (message actions). */
    replyToId: recordIdSchema.nullish().transform((value) => value ?? null),
  })
  .refine((value) => value.body !== null || value.image !== null || value.attachmentIds.length > 0, {
    message: "A message needs text, an image or a file.",
    path: ["body"],
  });
export type SendMessageInput = z.input<typeof sendMessageSchema>;

export const messagePageSchema = z
  .object({
    before: cursorSchema.optional(),
    after: cursorSchema.optional(),
    /** A message id: the page around it (up to `limit` older and `limit` newer messages, and it). */
    around: recordIdSchema.optional(),
    limit: pageLimitSchema(MESSAGE_LIMITS.messagesPage, MESSAGE_LIMITS.messagesPage),
  })
  .refine((value) => [value.before, value.after, value.around].filter(Boolean).length <= 1, {
    message: "Use one of before, after or around.",
    path: ["before"],
  });
export type MessagePageInput = z.input<typeof messagePageSchema>;
