// The browser's poster for a video the server could not make one for (PUT /api/attachments/{id}/poster,
// issue 14): without ffmpeg (or when ffmpeg cannot read the file) a video has no poster, so the
// uploader's browser grabs a frame and sends it here. Accepted only from the uploader, only while
// the attachment is pending (no message yet), only for a video, and only when it has no poster: a
// client image never replaces the server's. The body is read up to POSTER_MAX_BYTES (413 past it),
// must be JPEG, PNG or WebP by its magic bytes (415 otherwise), and is decoded and re-encoded by
// sharp (at most 640 px wide, JPEG, no metadata) before it is stored, so what is served is never the
// client's bytes. Durations are never taken from the client: the player shows what the browser measures.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isValidId } from "@/lib/chat/kernel/access";
import { assertUploadAllowed } from "@/lib/rate-limit/user-budgets";
import { MAX_INPUT_PIXELS, sniffImage } from "@/lib/storage/images";
import { type AttachmentDto } from "./dto";
import { attachmentBlobs } from "./blobs";
import { attachmentsDir } from "./files";
import { formatBytes } from "./limits";
import { attachmentSelect, toAttachmentDto } from "./read-shape";

export const POSTER_MAX_BYTES = 2 * 1024 * 1024;
/** Width of a stored poster, like ffmpeg's (probe.ts writePoster). */
export const POSTER_MAX_WIDTH = 640;

const posterError = (code: "bad_request" | "conflict" | "payload_too_large" | "unsupported_media_type", message: string) =>
  new AppError(code, message, { poster: [message] });
const notFound = () => new AppError("not_found", "Not found.");

/** The body, read until `max` bytes: past it, 413 at once (the rest is never read). */
async function readLimited(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer> {
  if (!body) throw posterError("bad_request", "The poster is empty.");
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > max) throw posterError("payload_too_large", `A poster can be at most ${formatBytes(max)}.`);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof AppError) throw error;
    throw posterError("bad_request", "The poster did not arrive whole. Try again.");
  }
  if (bytes === 0) throw posterError("bad_request", "The poster is empty.");
  return Buffer.concat(chunks);
}

/** Decoded, rotated upright, at most POSTER_MAX_WIDTH wide, re-encoded as JPEG without metadata. */
export async function reencodePoster(input: Uint8Array): Promise<Buffer> {
  const kind = sniffImage(input);
  if (kind !== "jpg" && kind !== "png" && kind !== "webp")
    throw posterError("unsupported_media_type", "A poster must be a JPEG, PNG or WebP image.");
  try {
    // sharp writes no metadata unless asked to (withMetadata/keepMetadata): EXIF, GPS, XMP are gone.
    return await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: POSTER_MAX_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
  } catch {
    throw posterError("unsupported_media_type", "The poster image could not be read.");
  }
}

/** Stores the uploader's poster of a pending video that has none; returns the attachment with its posterUrl. */
export async function receiveClientPoster(
  actorId: string,
  id: string,
  input: { body: ReadableStream<Uint8Array> | null; declaredSize: number | null },
  dir = attachmentsDir(),
): Promise<AttachmentDto> {
  if (!isValidId(id)) throw notFound();
  const row = await db.attachment.findFirst({
    where: { id, uploaderId: actorId },
    select: { messageId: true, kind: true, posterKey: true, storageKey: true },
  });
  // Someone else's attachment is the same 404 as a missing one (access.ts).
  if (!row) throw notFound();
  if (row.messageId) throw posterError("conflict", "This attachment has already been sent: its poster can no longer change.");
  if (row.kind !== "video") throw posterError("bad_request", "Only a video can have a poster.");
  if (row.posterKey) throw posterError("conflict", "This video already has a poster.");
  if (input.declaredSize !== null && input.declaredSize > POSTER_MAX_BYTES)
    throw posterError("payload_too_large", `A poster can be at most ${formatBytes(POSTER_MAX_BYTES)}.`);
  // A decode and a re-encode, counted like an upload (lib/rate-limit/user-budgets.ts).
  await assertUploadAllowed(actorId);
  const jpeg = await reencodePoster(await readLimited(input.body, POSTER_MAX_BYTES));

  const posterKey = `${row.storageKey}-poster.jpg`;
  await fs.mkdir(path.join(dir, "tmp"), { recursive: true });
  const temp = path.join(dir, "tmp", `${randomUUID()}.part`);
  try {
    await fs.writeFile(temp, jpeg, { mode: 0o640 });
    // Claimed in one conditional write: a send, or another poster, in between wins and this one is dropped.
    const { count } = await db.attachment.updateMany({
      where: { id, uploaderId: actorId, messageId: null, kind: "video", posterKey: null },
      data: { posterKey },
    });
    if (count === 0) throw posterError("conflict", "This video already has a poster, or has been sent.");
    try {
      // Into the attachment store: the local folder, or the S3 bucket when configured (blobs.ts).
      await attachmentBlobs(dir).place(posterKey, temp);
    } catch (error) {
      await db.attachment.updateMany({ where: { id, posterKey }, data: { posterKey: null } }).catch(() => {});
      throw error;
    }
  } finally {
    await fs.rm(temp, { force: true }).catch(() => {});
  }
  return toAttachmentDto(await db.attachment.findUniqueOrThrow({ where: { id }, select: { ...attachmentSelect } }));
}
