// What the one message read shape (lib/chat/messages/read-shape.ts) reads of attachments: the same
// relation join in every history page, send retry and page around a search hit.
import type { Prisma } from "@/lib/generated/prisma/client";
import { attachmentUrl, type AttachmentDto } from "./dto";
import type { AttachmentKind } from "./limits";

/** At most this many listeners are listed per voice note (more than any group shows at once). */
const PLAYS_READ_MAX = 256;

/** What an attachment is (a forward copies exactly this). */
export const attachmentMetaSelect = {
  name: true,
  size: true,
  mimeType: true,
  kind: true,
  width: true,
  height: true,
  durationMs: true,
  waveform: true,
  posterKey: true,
} as const satisfies Prisma.AttachmentSelect;

export const attachmentSelect = {
  id: true,
  ...attachmentMetaSelect,
  // Voice notes' listeners (issue 14: played state); other kinds have none. Bounded like a group.
  plays: { select: { userId: true }, orderBy: { playedAt: "asc" }, take: PLAYS_READ_MAX },
} as const satisfies Prisma.AttachmentSelect;

export type AttachmentRow = Prisma.AttachmentGetPayload<{ select: typeof attachmentSelect }>;

export const messageAttachmentsSelect = {
  attachments: { select: attachmentSelect, orderBy: [{ position: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.MessageSelect;

export function toAttachmentDto(row: AttachmentRow): AttachmentDto {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    mimeType: row.mimeType,
    kind: row.kind as AttachmentKind,
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    waveform: row.waveform,
    url: attachmentUrl(row.id),
    posterUrl: row.posterKey ? `${attachmentUrl(row.id)}/poster` : null,
    ...(row.kind === "voice" ? { playedBy: row.plays.map((play) => play.userId) } : {}),
  };
}
