// What the API and realtime events say about a message: one zod/mini schema per shape, the
// TypeScript types inferred from them (so a DTO and the event that carries it cannot drift apart).
// JSON-ready (dates as ISO strings), safe user fields only. Browser-safe.
import * as z from "zod/mini";
import { idSchema, isoDateSchema, safeUserSchema } from "@/lib/chat/kernel/dto";

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

/** A preview of a message body (the list shows one line of it). */
export function previewBody(body: string | null): string | null {
  return body === null || body.length <= PREVIEW_LENGTH ? body : `${body.slice(0, PREVIEW_LENGTH - 1)}…`;
}
