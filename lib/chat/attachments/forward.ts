// Forwarding a message's attachments (issue 14): each forwarded copy gets its own attachments,
// owned by the forwarder and counted in their quota, so deleting the original later does not take
// the copies with it. The files are hard links when the disk allows (no bytes copied; the data stays
// until its last name is removed), copies otherwise; on S3, server-side copies (blobs.ts). All or nothing: a failure leaves no row or file.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertQuota } from "@/lib/chat/uploads/records";
import { attachmentBlobs } from "./blobs";
import { attachmentsDir } from "./files";
import { attachmentMetaSelect } from "./read-shape";

/** Pending attachments of `actorId` copying those of `messageId`, in order: their ids for the send. */
export async function copyAttachmentsFor(actorId: string, messageId: string, dir = attachmentsDir()): Promise<string[]> {
  const rows = await db.attachment.findMany({
    where: { messageId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { ...attachmentMetaSelect, storageKey: true },
  });
  if (rows.length === 0) return [];
  await assertQuota(
    actorId,
    rows.reduce((sum, row) => sum + row.size, 0),
  );
  const blobs = attachmentBlobs(dir);
  const made: { id: string | null; keys: string[] }[] = [];
  try {
    for (const { storageKey, posterKey, ...row } of rows) {
      const key = randomUUID();
      // The same kind of poster or thumbnail: its suffix after the file's key.
      const poster = posterKey ? `${key}${posterKey.slice(storageKey.length)}` : null;
      const entry = { id: null as string | null, keys: [key, ...(poster ? [poster] : [])] };
      made.push(entry);
      await blobs.copy(storageKey, key);
      if (posterKey && poster) await blobs.copy(posterKey, poster);
      entry.id = (
        await db.attachment.create({ data: { ...row, uploaderId: actorId, storageKey: key, posterKey: poster }, select: { id: true } })
      ).id;
    }
    return made.map((entry) => entry.id!);
  } catch (error) {
    const ids = made.flatMap((entry) => (entry.id ? [entry.id] : []));
    if (ids.length > 0) await db.attachment.deleteMany({ where: { id: { in: ids } } });
    await blobs.delete(made.flatMap((entry) => entry.keys));
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new AppError("conflict", "A file of this message is no longer available.");
    }
    throw error;
  }
}

/** Removes copies whose send was refused after all (rows still pending, and their files). */
export async function discardUnsentCopies(ids: string[], dir = attachmentsDir()): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.attachment.findMany({ where: { id: { in: ids }, messageId: null }, select: { storageKey: true, posterKey: true } });
  await db.attachment.deleteMany({ where: { id: { in: ids }, messageId: null } });
  await attachmentBlobs(dir).delete(rows.flatMap((row) => [row.storageKey, row.posterKey]));
}
