// What message search returns: for each hit, what a result row shows and a jump needs of its message
// (id, chat, body, image, date, sender: the first fields of MessageDto; the jump reads the page around
// it, in the full read shape, through the history) and a snippet of its body as segments, the
// matched ones flagged. Plain text only: the client renders segments as text
// nodes (a <mark> around matched ones), so a body can never inject HTML through a snippet.
import * as z from "zod/mini";
import { messageDtoSchema } from "@/lib/chat/messages/dto";

export const snippetSegmentSchema = z.object({ text: z.string(), match: z.boolean() });
export type SnippetSegment = z.infer<typeof snippetSegmentSchema>;

export const searchHitMessageSchema = z.pick(messageDtoSchema, {
  id: true,
  conversationId: true,
  body: true,
  image: true,
  createdAt: true,
  sender: true,
});
export type SearchHitMessage = z.infer<typeof searchHitMessageSchema>;

export const messageHitSchema = z.object({
  message: searchHitMessageSchema,
  /** The body around its first match; empty for an image-only message. */
  snippet: z.array(snippetSegmentSchema),
});
export type MessageHit = z.infer<typeof messageHitSchema>;

export const messageSearchPageSchema = z.object({
  hits: z.array(messageHitSchema),
  /** Pass as `cursor` for the next (older) page; null when there is none. */
  nextCursor: z.nullable(z.string()),
});
export type MessageSearchPage = z.infer<typeof messageSearchPageSchema>;
