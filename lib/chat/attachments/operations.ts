// Attachment operations besides receiving (store.ts): cancelling a pending upload, the sweep of
// abandoned ones, and the files a delete-for-everyone leaves to remove.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isValidId } from "@/lib/chat/kernel/access";
import { deleteAttachmentFiles } from "./blobs";

export const PENDING_GRACE_MS = 24 * 60 * 60 * 1000;

/** The uploader drops an attachment not sent yet (cancel in the composer): row and files go. */
export async function discardPendingAttachment(actorId: string, id: string): Promise<void> {
  if (!isValidId(id)) throw new AppError("not_found", "Not found.");
  const row = await db.attachment.findFirst({
    where: { id, uploaderId: actorId, messageId: null },
    select: { storageKey: true, posterKey: true },
  });
  if (!row) throw new AppError("not_found", "Not found.");
  const { count } = await db.attachment.deleteMany({ where: { id, uploaderId: actorId, messageId: null } });
  if (count > 0) await deleteAttachmentFiles([row.storageKey, row.posterKey]);
}

/** Deletes attachments never sent within the grace period (abandoned uploads); returns how many. */
export async function sweepPendingAttachments({
  now = new Date(),
  graceMs = PENDING_GRACE_MS,
  limit = 200,
  dir,
}: { now?: Date; graceMs?: number; limit?: number; dir?: string } = {}): Promise<number> {
  const rows = await db.attachment.findMany({
    where: { messageId: null, createdAt: { lt: new Date(now.getTime() - graceMs) } },
    select: { id: true, storageKey: true, posterKey: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let deleted = 0;
  for (const row of rows) {
    const { count } = await db.attachment.deleteMany({ where: { id: row.id, messageId: null } });
    if (count === 0) continue; // sent meanwhile
    await deleteAttachmentFiles([row.storageKey, row.posterKey], dir);
    deleted += 1;
  }
  return deleted;
}
