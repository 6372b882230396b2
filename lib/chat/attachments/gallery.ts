// The media gallery of a conversation (issue 14, seed 003's collections): its attachments by tab —
// Media (images and videos), Files (documents and audio files), Voice (voice notes) — newest first,
// keyset-paginated over (sentAt, id) on the (conversationId, kind, sentAt desc, id desc) index, for
// members only and within what they can see (the "delete for me" cut-off, messages deleted for me).
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { requireMembership, conversationNotFound, isValidId } from "@/lib/chat/kernel/access";
import { cursorSchema, pageLimitSchema, parseInput } from "@/lib/chat/kernel/input";
import { cursorArg, keysetPage, sentBefore } from "@/lib/chat/kernel/keyset";
import { ofVisibleMessageWhere } from "@/lib/chat/message-actions/visibility";
import type { AttachmentDto } from "./dto";
import type { AttachmentKind } from "./limits";
import { attachmentSelect, toAttachmentDto } from "./read-shape";

export const GALLERY_TABS = { media: ["image", "video"], files: ["file", "audio"], voice: ["voice"] } as const satisfies Record<
  string,
  readonly AttachmentKind[]
>;

export const galleryInputSchema = z.object({
  tab: z.enum(["media", "files", "voice"], { error: "must be media, files or voice" }).default("media"),
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema(60, 30),
});

export interface GalleryItem extends AttachmentDto {
  messageId: string;
  senderId: string;
  sentAt: string;
}

export async function listGallery(
  actorId: string,
  conversationId: string,
  input: Record<string, unknown>,
): Promise<{ items: GalleryItem[]; nextCursor: string | null }> {
  const { tab, cursor, limit } = parseInput(galleryInputSchema, input);
  if (!isValidId(conversationId)) throw conversationNotFound();
  const { historyFrom } = await requireMembership(actorId, conversationId);
  const rows = await db.attachment.findMany({
    where: {
      AND: [
        { conversationId, kind: { in: [...GALLERY_TABS[tab]] }, sentAt: historyFrom ? { gt: historyFrom } : { not: null } },
        ofVisibleMessageWhere(actorId),
        sentBefore(cursorArg(cursor)),
      ],
    },
    select: { ...attachmentSelect, messageId: true, sentAt: true, message: { select: { senderId: true } } },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const { page, nextCursor } = keysetPage(rows, limit, (row) => ({ at: row.sentAt!, id: row.id }));
  return {
    items: page.map((row) => ({
      ...toAttachmentDto(row),
      messageId: row.messageId!,
      senderId: row.message!.senderId,
      sentAt: row.sentAt!.toISOString(),
    })),
    nextCursor,
  };
}
