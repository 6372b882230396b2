// What the API and realtime events say about a message: one zod/mini schema per shape, the
// TypeScript types inferred from them (so a DTO and the event that carries it cannot drift apart).
// JSON-ready (dates as ISO strings), safe user fields only. Browser-safe.
import * as z from "zod/mini";
import { idSchema, isoDateSchema, safeUserSchema } from "@/lib/chat/kernel/dto";
import { attachmentDtoSchema } from "@/lib/chat/attachments/dto";
import { systemEventSchema } from "@/lib/chat/group-admin/dto";

// ---- Message actions (issue 13, part A): what a message says about replies, edits, deletion,
// forwarding and reactions. Every field is optional (absent = none), so older payloads and
// optimistic messages stay valid. Filled by toMessageDto (read-shape.ts) from the same one select. ----

/** The quoted message of a reply: its sender and a snippet (no snippet once it was deleted). */
export const replySnippetSchema = z.object({
  id: idSchema,
  sender: safeUserSchema,
  /** At most REPLY_SNIPPET_LENGTH characters of its text; null when it has none or was deleted. */
  snippet: z.nullable(z.string()),
  hasImage: z.boolean(),
  /** The quoted message was deleted for everyone ("This message was deleted"). */
  deleted: z.boolean(),
});
export type ReplySnippet = z.infer<typeof replySnippetSchema>;

/** One emoji's reactions on a message: who reacted with it, in the order they did. */
export const reactionSummarySchema = z.object({ emoji: z.string().check(z.maxLength(64)), userIds: z.array(idSchema) });
export type ReactionSummary = z.infer<typeof reactionSummarySchema>;

export const REPLY_SNIPPET_LENGTH = 100;

export const messageActionFields = {
  /** The message this one replies to (null: a reply whose original is gone). */
  replyTo: z.optional(z.nullable(replySnippetSchema)),
  /** When the text was last edited ("edited"). */
  editedAt: z.optional(z.nullable(isoDateSchema)),
  /** Deleted for everyone: body and image are null, the tombstone says "This message was deleted". */
  deleted: z.optional(z.boolean()),
  /** A forwarded copy ("Forwarded"). */
  forwarded: z.optional(z.boolean()),
  /** Reactions, one entry per emoji, in the order each emoji was first used. */
  reactions: z.optional(z.array(reactionSummarySchema)),
};
// ---- end of message actions (part A) ----

export const messageDtoSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  body: z.nullable(z.string()),
  image: z.nullable(z.string()),
  createdAt: isoDateSchema,
  sender: safeUserSchema,
  /** Users who have seen the message (the sender included). */
  seenBy: z.array(safeUserSchema),
  /** Ids of the members a client of whom received it (delivery receipts, lib/chat/receipts/). */
  deliveredTo: z.array(idSchema),
  ...messageActionFields,
  /** Its files, audio, video and voice notes (issue 14), in order (absent = none). */
  attachments: z.optional(z.array(attachmentDtoSchema)),
  /** I starred it (lib/chat/stars): per reader, so only in my history pages (absent = not starred). */
  starred: z.optional(z.boolean()),
  /** The sender is the Parley AI assistant's bot (lib/chat/assistant/bot.ts): its text renders as markdown (absent = a person). */
  fromAssistant: z.optional(z.boolean()),
  /** A group's system message (issue 15: "Ana added Ben"); the sender is who did it; no body (absent = an ordinary message). */
  system: z.optional(systemEventSchema),
});
export type MessageDto = z.infer<typeof messageDtoSchema>;

export const PREVIEW_LENGTH = 120;

/** The newest message of a conversation in the list: at most PREVIEW_LENGTH characters of the body. */
export const messagePreviewSchema = z.object({
  id: idSchema,
  senderId: idSchema,
  body: z.nullable(z.string()),
  hasImage: z.boolean(),
  createdAt: isoDateSchema,
  /** Deleted for everyone (message actions): the list says "This message was deleted". */
  deleted: z.optional(z.boolean()),
  /** How many files it carries (issue 14; absent = none): the list says "3 files" when it has no text. */
  files: z.optional(z.number()),
  /** A group's system message (issue 15): the list words it ("Ana added Ben"). */
  system: z.optional(systemEventSchema),
});
export type MessagePreview = z.infer<typeof messagePreviewSchema>;

export interface MessagePage {
  /** Newest first. */
  messages: MessageDto[];
  hasOlder: boolean;
  hasNewer: boolean;
  /** Pass as `before` for the next older page (null when there is none). */
  olderCursor: string | null;
  /** Pass as `after` for newer messages (null when the page is empty and no cursor was given). */
  newerCursor: string | null;
}

/**
 * The plain words of a body for a one-line preview: markdown and rich-text syntax (code fences and
 * backticks, headings, quotes, list markers, double-star or double-underscore strong text, [links](url)
 * and images) gives way to its text, lines join with spaces. Mention tokens stay (the list names
 * them). A single star or underscore stays: in a person's text it is as often arithmetic or
 * snake_case as emphasis.
 */
export function previewText(body: string): string {
  return body
    .replace(/```[^\n]*\n?/g, "")
    .replace(/`([^`\n]*)`/g, "$1")
    .replace(/!\[([^\]\n]*)\]\([^)\s]*\)/g, "$1")
    .replace(/\[([^\]\n]+)\]\((?:https?:|mailto:)[^)\s]*\)/g, "$1")
    .replace(/^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)/gm, "")
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, "$2")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

/** A preview of a message body (the list shows one line of it). */
export function previewBody(body: string | null): string | null {
  if (body === null) return null;
  const text = previewText(body);
  return text.length <= PREVIEW_LENGTH ? text : `${text.slice(0, PREVIEW_LENGTH - 1)}…`;
}
