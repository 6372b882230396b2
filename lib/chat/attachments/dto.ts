// What a message says about its attachments (issue 14). zod/mini, browser-safe; part of MessageDto.
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";
import { ATTACHMENT_KINDS } from "./limits";

export const attachmentDtoSchema = z.object({
  id: idSchema,
  name: z.string().check(z.maxLength(256)),
  size: z.number(),
  mimeType: z.string().check(z.maxLength(128)),
  kind: z.enum(ATTACHMENT_KINDS),
  width: z.nullable(z.number()),
  height: z.nullable(z.number()),
  /**
   * Measured on the server (ffprobe), never the client's claim; null when unknown (no ffprobe): the
   * player's native controls then show what the browser measures.
   */
  durationMs: z.nullable(z.number()),
  /** Voice notes: 64 amplitudes 0-255, base64. */
  waveform: z.nullable(z.string().check(z.maxLength(128))),
  /** GET /api/attachments/{id}: members only. */
  url: z.string(),
  /** ffmpeg's frame (or an image's thumbnail); without ffmpeg, the uploader's browser's (poster.ts). */
  posterUrl: z.nullable(z.string()),
  /** Voice notes: the members who have played it (not its sender). */
  playedBy: z.optional(z.array(idSchema)),
});
export type AttachmentDto = z.infer<typeof attachmentDtoSchema>;

export const ATTACHMENT_URL_PREFIX = "/api/attachments/";

export function attachmentUrl(id: string): string {
  return `${ATTACHMENT_URL_PREFIX}${id}`;
}
