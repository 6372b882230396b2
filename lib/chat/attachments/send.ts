// What sendMessage (lib/chat/messages/send.ts) needs of attachments: the sender's own pending
// uploads, in the order given. The send's transaction then attaches them (messageId, conversation,
// position, sentAt) with a conditional update each, so a message never goes out half-attached.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { attachmentSelect, type AttachmentRow } from "./read-shape";

export const attachmentNotAttachable = () =>
  new AppError("bad_request", "A file of this message cannot be sent: upload it again.", {
    attachmentIds: ["must be files you uploaded and have not sent yet"],
  });

/** The attachments to send, in the given order; refused unless every one is mine and not sent (a retry of this message may find them attached to it). */
const pick = (row: AttachmentRow): AttachmentRow =>
  Object.fromEntries(Object.keys(attachmentSelect).map((key) => [key, row[key as keyof AttachmentRow]])) as AttachmentRow;

export async function pendingAttachments(actorId: string, ids: string[], messageId: string): Promise<AttachmentRow[]> {
  const rows = await db.attachment.findMany({
    where: { id: { in: ids } },
    select: { ...attachmentSelect, uploaderId: true, messageId: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id);
    // Already attached to this very message: a retry, answered from the stored message.
    if (!row || row.uploaderId !== actorId || (row.messageId !== null && row.messageId !== messageId)) throw attachmentNotAttachable();
    return pick(row);
  });
}
