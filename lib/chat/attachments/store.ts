// Receiving one attachment (POST /api/attachments): the request body is the file, streamed to a
// temporary file on local disk chunk by chunk (never held whole in memory). The first bytes decide
// its type (sniff.ts) and with it its size limit; the upload stops with 413 as soon as it passes
// that limit or the uploader's storage quota. Then ffprobe/ffmpeg measure it (probe.ts), the row is
// written (pending: no message yet, readable by the uploader only) and the file moved into place.
// Whatever fails on the way removes the temporary file and any row: nothing is left behind.
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
import { attachmentFile, attachmentsDir, deleteAttachmentFiles, THUMBNAIL_SUFFIX } from "./files";
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
  };
}

const fileError = (code: "bad_request" | "payload_too_large" | "unsupported_media_type", message: string) =>
  new AppError(code, message, { file: [message] });

const CLASS_NAMES = { image: "Images", video: "Videos", file: "Files" } as const;
const tooBig = (kind: AttachmentKind, max: number) =>
  fileError("payload_too_large", `${CLASS_NAMES[limitClass(kind)]} can be at most ${formatBytes(max)}.`);
const quotaFull = (used: number, quota: number) =>
  fileError(
    "payload_too_large",
    `Your storage is full: your uploads use ${formatBytes(used)} of ${formatBytes(quota)}. Delete old files or send a smaller one.`,
  );
const truncated = () => fileError("bad_request", "The upload was cut short: the file did not arrive whole. Try again.");

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

/** Receives, checks, measures and stores one attachment; returns it pending (no message yet). */
export async function receiveAttachment(actorId: string, input: IncomingAttachment, dir = attachmentsDir()): Promise<AttachmentDto> {
  const name = checkFileName(input.name);
  await assertUploadAllowed(actorId);
  if (input.declaredSize === 0) throw fileError("bad_request", "The file is empty.");
  const max = maxBytesByClass();
  const largest = Math.max(max.image, max.video, max.file);
  if (input.declaredSize !== null && input.declaredSize > largest)
    throw fileError("payload_too_large", `Files can be at most ${formatBytes(largest)}.`);
  const quota = uploadQuotaBytes();
  const used = await usedUploadBytes(actorId);
  const room = quota - used;
  if (room <= 0 || (input.declaredSize !== null && input.declaredSize > room)) throw quotaFull(used, quota);
  if (!input.body) throw fileError("bad_request", "The file is empty.");

  await fs.mkdir(path.join(dir, "tmp"), { recursive: true });
  const id = randomUUID();
  const temp = path.join(dir, "tmp", `${id}.part`);
  const key = id;
  let posterKey: string | null = null;
  let rowId: string | null = null;
  try {
    const gate = new Gate(
      name,
      (sniffed) => {
        const limit = max[limitClass(sniffed.kind)];
        if (gate.bytes > limit) throw tooBig(sniffed.kind, limit);
        if (gate.bytes > room) throw quotaFull(used, quota);
      },
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
    const sniffed = gate.sniffed!;
    let kind: AttachmentKind = sniffed.kind;
    let width: number | null = null;
    let height: number | null = null;
    let durationMs: number | null = null;
    let waveform: string | null = null;
    let storedBytes = gate.bytes;

    if (kind === "image") {
      // Decoded, rotated upright and re-encoded like message images (lib/storage/image-processing.ts):
      // EXIF (GPS included) and every other metadata block are gone, a huge image is scaled down.
      // A small still thumbnail (WebP) goes beside it for the bubble and the gallery grid; GIFs
      // keep their animation, so they have none.
      const processed = await processMessageImage(await fs.readFile(temp), max.image).catch(() => {
        throw fileError("unsupported_media_type", "The image could not be read (damaged, or too many pixels).");
      });
      await fs.writeFile(temp, processed.bytes);
      storedBytes = processed.bytes.byteLength;
      [width, height] = [processed.width, processed.height];
      if (processed.kind !== "gif") {
        posterKey = `${id}${THUMBNAIL_SUFFIX}`;
        await fs.writeFile(attachmentFile(posterKey, dir), processed.thumbnail, { mode: 0o640 });
      }
    } else if (kind === "video" || kind === "audio") {
      const probe = await probeMedia(temp);
      if (probe) {
        if (!probe.hasVideo && !probe.hasAudio) throw fileError("unsupported_media_type", "The file has no playable audio or video.");
        if (kind === "video" && !probe.hasVideo) kind = "audio";
        durationMs = probe.durationMs;
        width = probe.width;
        height = probe.height;
      }
      if (kind === "video") {
        posterKey = `${id}-poster.jpg`;
        if (!(await writePoster(temp, attachmentFile(posterKey, dir), durationMs))) posterKey = null;
      }
    }
    if (input.voice) {
      if (kind !== "audio") throw fileError("unsupported_media_type", "A voice note must be a recording (audio).");
      kind = "voice";
    }
    if (kind === "audio" || kind === "voice") {
      const decoded = await waveformOf(temp);
      waveform = decoded?.waveform ?? null;
      durationMs ??= decoded?.durationMs ?? null;
    }
    if (kind === "video" && max.video < gate.bytes) throw tooBig(kind, max.video);
    if (limitClass(kind) === "file" && max.file < gate.bytes) throw tooBig(kind, max.file);

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
    if (after > quota) throw quotaFull(after - storedBytes, quota);
    await fs.rename(temp, attachmentFile(key, dir));
    return toAttachmentDto(row);
  } catch (error) {
    if (rowId) await db.attachment.deleteMany({ where: { id: rowId } }).catch(() => {});
    await fs.rm(temp, { force: true }).catch(() => {});
    await deleteAttachmentFiles([key, posterKey], dir);
    throw error;
  }
}
