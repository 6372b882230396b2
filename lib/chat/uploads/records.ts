// Upload records (model Upload): who stored which file, how big, and which message shows it. The
// per-user quota is the sum of the owner's records (UPLOAD_QUOTA_MB, default 200 MB); a file is
// stored only after its record exists, and a record whose file could not be stored is removed.
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { storage, type Storage } from "@/lib/storage/storage";

export const UPLOAD_PREFIX = "/api/uploads/";

/** The storage key of one of our upload URLs, or null (another host, or not an upload URL). */
export function uploadKeyOf(url: string): string | null {
  return url.startsWith(UPLOAD_PREFIX) ? url.slice(UPLOAD_PREFIX.length) : null;
}

export function uploadQuotaBytes(): number {
  return Math.floor(serverEnv().UPLOAD_QUOTA_MB * 1024 * 1024);
}

/** Bytes the owner's uploads take: message images and avatars (Upload) plus attachments (issue 14). */
export async function usedUploadBytes(ownerId: string): Promise<number> {
  const [uploads, attachments] = await Promise.all([
    db.upload.aggregate({ where: { ownerId }, _sum: { size: true } }),
    db.attachment.aggregate({ where: { uploaderId: ownerId }, _sum: { size: true } }),
  ]);
  return (uploads._sum.size ?? 0) + (attachments._sum.size ?? 0);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;

/** Refuses (413) when `adding` more bytes would put the owner over the quota. */
export async function assertQuota(ownerId: string, adding: number, quota = uploadQuotaBytes()): Promise<void> {
  const used = await usedUploadBytes(ownerId);
  if (used + adding > quota) {
    const message = `Your storage is full: your uploads use ${mb(used)} of ${mb(quota)}. Remove old pictures or send a smaller one.`;
    throw new AppError("payload_too_large", message, { file: [message] });
  }
}

export interface UploadRecord {
  key: string;
  thumbnailKey?: string;
  /** Bytes stored, thumbnail included. */
  size: number;
  contentType: string;
}

/** Checks the quota, writes the record, then runs `store` (which writes the files); undone if storing fails. */
export async function recordUpload(
  ownerId: string,
  record: UploadRecord,
  store: () => Promise<void>,
  files: Storage = storage(),
): Promise<void> {
  await assertQuota(ownerId, record.size);
  const { id } = await db.upload.create({ data: { ...record, ownerId }, select: { id: true } });
  try {
    await store();
  } catch (error) {
    await db.upload.deleteMany({ where: { id } });
    await Promise.all([record.key, record.thumbnailKey].filter((k): k is string => !!k).map((k) => files.delete(k).catch(() => {})));
    throw error;
  }
}

/** Removes an upload that nothing references any more: its record and its files (best effort). */
export async function forgetUpload(key: string, files: Storage = storage()): Promise<void> {
  const record = await db.upload.findUnique({ where: { key }, select: { thumbnailKey: true } }).catch(() => null);
  await db.upload.deleteMany({ where: { key } }).catch(() => {});
  await Promise.all([key, record?.thumbnailKey].filter((k): k is string => !!k).map((k) => files.delete(k).catch(() => {})));
}

/**
 * For sendMessage: a message may show only an image its sender uploaded and has not sent in
 * another message (`messageId` is this message's id on a retry). Legacy upload URLs (no record)
 * and other people's uploads are refused: serving authorizes by the record, so re-posting someone
 * else's key must not grant access to it.
 */
export async function assertAttachable(actorId: string, key: string, messageId: string): Promise<void> {
  const record = key.startsWith("msg-") ? await db.upload.findUnique({ where: { key }, select: { ownerId: true, messageId: true } }) : null;
  if (!record || record.ownerId !== actorId || (record.messageId !== null && record.messageId !== messageId)) {
    throw imageNotAttachable();
  }
}

export const imageNotAttachable = () =>
  new AppError("bad_request", "This image cannot be sent: upload it again.", {
    image: ["must be an image you uploaded and have not sent yet"],
  });
