// Orphaned uploads: a message image no message shows — never sent (after a grace period, so an
// upload in progress is not swept), or whose message was deleted (the record's message link is
// set to null by the relation's onDelete: SetNull, with the message's conversation). The sweep
// deletes the record first (only if still unattached, so a concurrent send either attaches it
// before or is refused after), then the files. Avatars are removed when replaced (lib/users/profile.ts).
// Trigger: after an upload, at most once per SWEEP_INTERVAL_MS per server process, in the
// background; tests and operators can call sweepOrphanUploads directly.
import "server-only";
import { db } from "@/lib/db/client";
import { trackBackgroundWork } from "@/lib/server/lifecycle";
import { storage, type Storage } from "@/lib/storage/storage";
import { sweepPendingAttachments } from "@/lib/chat/attachments/operations";

export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
export const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export interface SweepOptions {
  now?: Date;
  graceMs?: number;
  /** Records examined per sweep. */
  limit?: number;
  files?: Storage;
}

/** Deletes orphaned message images older than the grace period; returns how many were deleted. */
export async function sweepOrphanUploads({
  now = new Date(),
  graceMs = ORPHAN_GRACE_MS,
  limit = 200,
  files = storage(),
}: SweepOptions = {}): Promise<number> {
  const orphans = await db.upload.findMany({
    where: { messageId: null, createdAt: { lt: new Date(now.getTime() - graceMs) }, key: { startsWith: "msg-" } },
    select: { id: true, key: true, thumbnailKey: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let deleted = 0;
  for (const orphan of orphans) {
    const { count } = await db.upload.deleteMany({ where: { id: orphan.id, messageId: null } });
    if (count === 0) continue; // attached meanwhile
    await Promise.all([orphan.key, orphan.thumbnailKey].filter((k): k is string => !!k).map((k) => files.delete(k).catch(() => {})));
    deleted += 1;
  }
  return deleted;
}

const globalForSweep = globalThis as unknown as { parleyLastUploadSweep?: number };

/** Runs a sweep in the background if none ran in this process for SWEEP_INTERVAL_MS. */
export function scheduleOrphanSweep(files: Storage = storage(), now = Date.now()): void {
  if (now - (globalForSweep.parleyLastUploadSweep ?? 0) < SWEEP_INTERVAL_MS) return;
  globalForSweep.parleyLastUploadSweep = now;
  void trackBackgroundWork(Promise.all([sweepOrphanUploads({ files }), sweepPendingAttachments()])).catch((error: unknown) =>
    console.error("upload sweep failed", error),
  );
}
