// Receiving one attachment (POST /api/attachments): the request body is the file, streamed to a
// temporary file on local disk chunk by chunk (never held whole in memory). The first bytes decide
// its type (sniff.ts) and with it its size limit; the upload stops with 413 as soon as it passes
// that limit or the uploader's storage quota. Then ffprobe/ffmpeg measure it (probe.ts), the row is
// written (pending: no message yet, readable by the uploader only) and the file moved into place
// (blobs.ts: the local disk, or streamed to S3). The second half, "measure + create the row"
// (storeReceived), is shared with the direct browser-to-S3 upload (direct.ts).
// Whatever fails on the way removes the temporary file, any stored file and any row: nothing is left behind.
import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertUploadAllowed } from "@/lib/rate-limit/user-budgets";
import { processMessageImage } from "@/lib/storage/image-processing";
import { uploadQuotaBytes, usedUploadBytes } from "@/lib/chat/uploads/records";
import { type AttachmentDto } from "./dto";
import { attachmentBlobs, directUploadAvailable, type AttachmentBlobs } from "./blobs";
import { attachmentsDir, THUMBNAIL_SUFFIX } from "./files";
import { formatBytes, limitClass, type AttachmentKind, type AttachmentLimits, ATTACHMENT_LIMITS } from "./limits";
import { mediaToolsAvailable } from "./media-tools";
import { probeMedia, waveformOf, writePoster } from "./probe";
import { attachmentSelect, toAttachmentDto } from "./read-shape";
import { SNIFF_BYTES, checkFileName, sniffFile, type Sniffed } from "./sniff";

const MB = 1024 * 1024;

export function maxBytesByClass(): AttachmentLimits["maxBytes"] {
  const env = serverEnv();
  return {
    image: Math.floor(env.ATTACHMENT_MAX_IMAGE_MB * MB),
    video: Math.floor(env.ATTACHMENT_MAX_VIDEO_MB * MB),
    file: Math.floor(env.ATTACHMENT_MAX_FILE_MB * MB),
  };
}

export async function attachmentLimits(actorId: string): Promise<AttachmentLimits> {
  return {
    perMessage: ATTACHMENT_LIMITS.perMessage,
    maxBytes: maxBytesByClass(),
    quotaBytes: uploadQuotaBytes(),
    usedBytes: await usedUploadBytes(actorId),
    serverPosters: mediaToolsAvailable().ffmpeg,
    direct: directUploadAvailable(),
  };
}

export const fileError = (code: "bad_request" | "payload_too_large" | "unsupported_media_type", message: string) =>
  new AppError(code, message, { file: [message] });

const CLASS_NAMES = { image: "Images", video: "Videos", file: "Files" } as const;
export const tooBig = (kind: AttachmentKind, max: number) =>
  fileError("payload_too_large", `${CLASS_NAMES[limitClass(kind)]} can be at most ${formatBytes(max)}.`);
export const quotaFull = (used: number, quota: number) =>
  fileError(
    "payload_too_large",
    `Your storage is full: your uploads use ${formatBytes(used)} of ${formatBytes(quota)}. Delete old files or send a smaller one.`,
  );
export const truncated = () => fileError("bad_request", "The upload was cut short: the file did not arrive whole. Try again.");

export interface IncomingAttachment {
  /** The file's bytes (the request body). */
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
  name: string | null;
  /** Content-Length, when the client sent one: fewer bytes than that is a truncated upload. */
  declaredSize: number | null;
  /** Recorded in the composer (a voice note): must be audio. */
  voice?: boolean;
}

/** Counts the bytes, keeps the first SNIFF_BYTES for sniffing, and stops at the limit the type allows. */
class Gate extends Transform {
  bytes = 0;
  head: Buffer[] = [];
  headBytes = 0;
  sniffed: Sniffed | null = null;
  constructor(
    private readonly name: string,
    private readonly limitFor: (sniffed: Sniffed) => void,
    private readonly overAny: (bytes: number) => void,
  ) {
    super();
  }
  private async sniff(): Promise<void> {
    this.sniffed = await sniffFile(new Uint8Array(Buffer.concat(this.head)), this.name);
    this.head = [];
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    void (async () => {
      this.bytes += chunk.byteLength;
      if (!this.sniffed) {
        this.head.push(chunk);
        this.headBytes += chunk.byteLength;
        if (this.headBytes >= SNIFF_BYTES) await this.sniff();
      }
      if (this.sniffed) this.limitFor(this.sniffed);
      else this.overAny(this.bytes);
      return chunk;
    })().then((out) => done(null, out), done);
  }
  override _flush(done: TransformCallback): void {
    void (async () => {
      if (!this.sniffed && this.bytes > 0) await this.sniff();
      if (this.sniffed) this.limitFor(this.sniffed);
    })().then(() => done(), done);
  }
}

/** The uploader's room before an upload: size limits by class, quota, what is used. */
export interface UploadRoom {
  max: AttachmentLimits["maxBytes"];
  largest: number;
  quota: number;
  used: number;
  room: number;
}

/** The uploader's room for a file of `declaredSize` bytes (null: not known yet); refuses when it cannot fit. */
export async function uploadRoom(actorId: string, declaredSize: number | null): Promise<UploadRoom> {
  if (declaredSize === 0) throw fileError("bad_request", "The file is empty.");
  const max = maxBytesByClass();
  const largest = Math.max(max.image, max.video, max.file);
  if (declaredSize !== null && declaredSize > largest)
    throw fileError("payload_too_large", `Files can be at most ${formatBytes(largest)}.`);
  const quota = uploadQuotaBytes();
  const used = await usedUploadBytes(actorId);
  const room = quota - used;
  if (room <= 0 || (declaredSize !== null && declaredSize > room)) throw quotaFull(used, quota);
  return { max, largest, quota, used, room };
}

/** Before any byte is stored: the file's name, the upload budget, the declared size and the quota. */
export async function admitUpload(
  actorId: string,
  rawName: string | null,
  declaredSize: number | null,
): Promise<{ name: string } & UploadRoom> {
  const name = checkFileName(rawName);
  await assertUploadAllowed(actorId);
  return { name, ...(await uploadRoom(actorId, declaredSize)) };
}

/** The size checks once the type is known (during the stream, or after a direct upload). */
export function assertWithinLimits(sniffed: Sniffed, bytes: number, limits: UploadRoom): void {
  const limit = limits.max[limitClass(sniffed.kind)];
  if (bytes > limit) throw tooBig(sniffed.kind, limit);
  if (bytes > limits.room) throw quotaFull(limits.used, limits.quota);
}

/** A received file, sniffed and within its limits, to measure and record. */
export interface ReceivedFile {
  id: string;
  name: string;
  sniffed: Sniffed;
  bytes: number;
  voice: boolean;
  /** A local copy of the file, when one is at hand or needed (images, video, audio); may be replaced. */
  temp: string | null;
  /** The file is already stored under its key (direct upload): only a re-encoded image replaces it. */
  stored: boolean;
}

/** Whether measuring a file of this sniffed kind needs its bytes on local disk (sharp, ffprobe). */
export const needsLocalCopy = (sniffed: Sniffed, voice: boolean) => voice || sniffed.kind !== "file";

/**
 * Measures a received file (images re-encoded, media probed, posters made), writes the pending row,
 * re-checks the quota and stores the file; on any failure, removes the row, the temporary files and
 * the stored files (the file itself included), and rethrows.
 */
export async function storeReceived(
  actorId: string,
  file: ReceivedFile,
  limits: UploadRoom,
  blobs: AttachmentBlobs,
  tempDir: string,
): Promise<AttachmentDto> {
  const { id, name, sniffed, temp } = file;
  const max = limits.max;
  const key = id;
  let posterKey: string | null = null;
  let posterTemp: string | null = null;
  let rowId: string | null = null;
  let replaced = false;
  const local = () => {
    if (!temp) throw new Error("a local copy is needed to measure this file");
    return temp;
  };
  try {
    let kind: AttachmentKind = sniffed.kind;
    let width: number | null = null;
    let height: number | null = null;
    let durationMs: number | null = null;
    let waveform: string | null = null;
    let storedBytes = file.bytes;

    if (kind === "image") {
      // Decoded, rotated upright and re-encoded like message images (lib/storage/image-processing.ts):
      // EXIF (GPS included) and every other metadata block are gone, a huge image is scaled down.
      // A small still thumbnail (WebP) goes beside it for the bubble and the gallery grid; GIFs
      // keep their animation, so they have none.
      const processed = await processMessageImage(await fs.readFile(local()), max.image).catch(() => {
        throw fileError("unsupported_media_type", "The image could not be read (damaged, or too many pixels).");
      });
      await fs.writeFile(local(), processed.bytes);
      replaced = true;
      storedBytes = processed.bytes.byteLength;
      [width, height] = [processed.width, processed.height];
      if (processed.kind !== "gif") {
        posterKey = `${id}${THUMBNAIL_SUFFIX}`;
        posterTemp = path.join(tempDir, `${posterKey}.part`);
        await fs.writeFile(posterTemp, processed.thumbnail, { mode: 0o640 });
      }
    } else if (kind === "video" || kind === "audio") {
      const probe = await probeMedia(local());
      if (probe) {
        if (!probe.hasVideo && !probe.hasAudio) throw fileError("unsupported_media_type", "The file has no playable audio or video.");
        if (kind === "video" && !probe.hasVideo) kind = "audio";
        durationMs = probe.durationMs;
        width = probe.width;
        height = probe.height;
      }
      if (kind === "video") {
        posterKey = `${id}-poster.jpg`;
        posterTemp = path.join(tempDir, `${posterKey}.part`);
        if (!(await writePoster(local(), posterTemp, durationMs))) [posterKey, posterTemp] = [null, null];
      }
    }
    if (file.voice) {
      if (kind !== "audio") throw fileError("unsupported_media_type", "A voice note must be a recording (audio).");
      kind = "voice";
    }
    if (kind === "audio" || kind === "voice") {
      const decoded = await waveformOf(local());
      waveform = decoded?.waveform ?? null;
      durationMs ??= decoded?.durationMs ?? null;
    }
    if (kind === "video" && max.video < file.bytes) throw tooBig(kind, max.video);
    if (limitClass(kind) === "file" && max.file < file.bytes) throw tooBig(kind, max.file);

    const row = await db.attachment.create({
      data: {
        uploaderId: actorId,
        name,
        size: storedBytes,
        mimeType: sniffed.mime,
        kind,
        width,
        height,
        durationMs,
        waveform,
        storageKey: key,
        posterKey,
      },
      select: { ...attachmentSelect },
    });
    rowId = row.id;
    // Concurrent uploads may have passed the quota between the check and this row: the later loses.
    const after = await usedUploadBytes(actorId);
    if (after > limits.quota) throw quotaFull(after - storedBytes, limits.quota);
    if (posterKey && posterTemp) await blobs.place(posterKey, posterTemp);
    if (!file.stored || replaced) await blobs.place(key, local());
    return toAttachmentDto(row);
  } catch (error) {
    if (rowId) await db.attachment.deleteMany({ where: { id: rowId } }).catch(() => {});
    await Promise.all([temp, posterTemp].map((t) => (t ? fs.rm(t, { force: true }).catch(() => {}) : null)));
    await blobs.delete([key, posterKey]);
    throw error;
  }
}

/** Receives, checks, measures and stores one attachment; returns it pending (no message yet). */
export async function receiveAttachment(actorId: string, input: IncomingAttachment, dir = attachmentsDir()): Promise<AttachmentDto> {
  const limits = await admitUpload(actorId, input.name, input.declaredSize);
  const { name, largest } = limits;
  if (!input.body) throw fileError("bad_request", "The file is empty.");

  const tempDir = path.join(dir, "tmp");
  await fs.mkdir(tempDir, { recursive: true });
  const id = randomUUID();
  const temp = path.join(tempDir, `${id}.part`);
  try {
    const gate = new Gate(
      name,
      (sniffed) => assertWithinLimits(sniffed, gate.bytes, limits),
      (bytes) => {
        if (bytes > largest) throw fileError("payload_too_large", `Files can be at most ${formatBytes(largest)}.`);
      },
    );
    const source =
      Symbol.asyncIterator in input.body ? Readable.from(input.body as AsyncIterable<Uint8Array>) : Readable.fromWeb(input.body as never);
    try {
      await pipeline(source, gate, createWriteStream(temp, { mode: 0o640 }));
    } catch (error) {
      if (error instanceof AppError) throw error;
      // The client went away or the body broke off.
      throw truncated();
    }
    if (gate.bytes === 0) throw fileError("bad_request", "The file is empty.");
    if (input.declaredSize !== null && gate.bytes !== input.declaredSize) throw truncated();
    return await storeReceived(
      actorId,
      { id, name, sniffed: gate.sniffed!, bytes: gate.bytes, voice: !!input.voice, temp, stored: false },
      limits,
      attachmentBlobs(dir),
      tempDir,
    );
  } finally {
    await fs.rm(temp, { force: true }).catch(() => {});
  }
}
