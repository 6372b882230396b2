// Direct uploads (issue 14), when attachments live on S3: the browser PUTs the file's parts straight
// to the bucket with presigned URLs (a multipart upload), so large files never pass through the app.
//   start    → name, declared size and quota checked (as for POST /api/attachments), a multipart
//              upload begun under a fresh key, one presigned UploadPart URL per part (PART_SIZE,
//              PART_URL_TTL_S), and an opaque token: HMAC-SHA256 (keyed by NEXTAUTH_SECRET) over
//              uploader, key, upload id, size, name, voice and expiry. Stateless: no row until complete.
//   complete → the token must be this user's and unexpired; the parts are joined, the object's size
//              must be the declared one, its first bytes are sniffed (never the client's type), the
//              class limit and the quota are checked again, media are copied to a local temporary
//              file for sharp/ffprobe (streamed), and the row is written by store.ts's storeReceived.
//              Any refusal deletes the object (and any row): nothing is left behind.
//   abort    → the multipart upload is aborted (its parts discarded).
// Parts a client never completes nor aborts are removed by the bucket's lifecycle rule (README).
import "server-only";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/chat/kernel/input";
import { PART_SIZE, S3Error, type S3Objects } from "@/lib/storage/s3-objects";
import { attachmentS3, directUploadAvailable, S3Blobs, s3AttachmentKey, signingSecret } from "./blobs";
import type { AttachmentDto } from "./dto";
import { attachmentsDir } from "./files";
import { SNIFF_BYTES, sniffFile } from "./sniff";
import { admitUpload, assertWithinLimits, fileError, needsLocalCopy, storeReceived, truncated, uploadRoom } from "./store";

/** Presigned part URLs live this long (seconds); the token (complete, abort) a little longer. */
export const PART_URL_TTL_S = 15 * 60;
export const TOKEN_TTL_MS = 60 * 60 * 1000;
const MAX_PARTS = 10_000;

let partSizeForTests: number | null = null;
/** Tests: smaller parts, so a multi-part upload stays small (the test S3 server's floor lowered too). */
export function setDirectPartSizeForTests(bytes: number | null): void {
  partSizeForTests = bytes;
}
const partSize = () => partSizeForTests ?? PART_SIZE;

interface Ticket {
  /** uploader */
  u: string;
  /** attachment key (= object "attachments/<k>") */
  k: string;
  /** multipart upload id */
  x: string;
  /** declared size */
  s: number;
  /** part size */
  p: number;
  n: string;
  v: boolean;
  /** expiry, ms since the epoch */
  e: number;
}

const mac = (payload: string) => createHmac("sha256", `parley-direct-upload:${signingSecret()}`).update(payload).digest("base64url");

function s3OrRefuse(): S3Objects {
  const s3 = attachmentS3();
  if (!s3 || !directUploadAvailable()) throw new AppError("bad_request", "Direct uploads are not available: upload through the app.");
  return s3;
}

function seal(ticket: Ticket): string {
  const payload = Buffer.from(JSON.stringify(ticket)).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

const expired = () => fileError("bad_request", "The upload took too long and expired. Try again.");
const badToken = () => new AppError("bad_request", "This upload is not valid. Try again.");

/** The ticket of a token signed by us for `actorId`; `allowExpired` for abort (cleaning up is always fine). */
function open(actorId: string, token: string, allowExpired = false): Ticket {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) throw badToken();
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw badToken();
  const ticket = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Ticket;
  if (ticket.u !== actorId) throw new AppError("forbidden", "This upload belongs to someone else.");
  if (!allowExpired && Date.now() > ticket.e) throw expired();
  return ticket;
}

/** Request bodies: start (small) and complete (a part list of at most MAX_PARTS). */
export const START_BODY_BYTES = 4 * 1024;
export const COMPLETE_BODY_BYTES = 1024 * 1024;
const tokenSchema = z.string().min(1).max(4096);
const startSchema = z.object({
  name: z.string().max(1000),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  voice: z.boolean().optional(),
});
const completeSchema = z.object({
  token: tokenSchema,
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1).max(MAX_PARTS), etag: z.string().min(1).max(200) }))
    .min(1)
    .max(MAX_PARTS),
});
const abortSchema = z.object({ token: tokenSchema });

export interface DirectStart {
  token: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
  expiresAt: string;
}

export async function startDirectUpload(actorId: string, body: unknown): Promise<DirectStart> {
  const s3 = s3OrRefuse();
  const input = parseInput(startSchema, body);
  const { name } = await admitUpload(actorId, input.name, input.size);
  const size = partSize();
  const count = Math.ceil(input.size / size);
  if (count > MAX_PARTS) throw fileError("payload_too_large", "The file is too large to upload.");
  const key = randomUUID();
  const uploadId = await s3.createMultipart(s3AttachmentKey(key));
  const expires = Date.now() + TOKEN_TTL_MS;
  return {
    token: seal({ u: actorId, k: key, x: uploadId, s: input.size, p: size, n: name, v: !!input.voice, e: expires }),
    partSize: size,
    parts: Array.from({ length: count }, (_, i) => ({
      partNumber: i + 1,
      // Each URL takes exactly its part's size (Content-Length is signed): no part can be larger.
      url: s3.presignPart(s3AttachmentKey(key), uploadId, i + 1, PART_URL_TTL_S, Math.min(size, input.size - i * size)),
    })),
    expiresAt: new Date(expires).toISOString(),
  };
}

async function readHead(s3: S3Objects, objectKey: string, size: number): Promise<Uint8Array> {
  const stream = await s3.read(objectKey, 0, Math.min(SNIFF_BYTES, size) - 1);
  if (!stream) throw truncated();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export async function completeDirectUpload(actorId: string, body: unknown): Promise<AttachmentDto> {
  const s3 = s3OrRefuse();
  const input = parseInput(completeSchema, body);
  const ticket = open(actorId, input.token, true);
  const objectKey = s3AttachmentKey(ticket.k);
  if (Date.now() > ticket.e) {
    await s3.abortMultipart(objectKey, ticket.x).catch(() => {});
    throw expired();
  }
  if (await db.attachment.findFirst({ where: { storageKey: ticket.k }, select: { id: true } })) {
    throw new AppError("conflict", "This upload is already complete.");
  }
  const count = Math.ceil(ticket.s / ticket.p);
  const inOrder = input.parts.length === count && input.parts.every((part, i) => part.partNumber === i + 1);
  try {
    if (!inOrder) throw truncated();
    await s3.completeMultipart(objectKey, ticket.x, input.parts);
  } catch (error) {
    // Nothing was stored under the key by this call: the parts go, the key is left alone (a replayed
    // token must not delete the file of an attachment completed earlier).
    await s3.abortMultipart(objectKey, ticket.x).catch(() => {});
    if (error instanceof S3Error && error.status < 500) throw truncated();
    throw error;
  }
  const blobs = new S3Blobs(s3);
  const tempDir = path.join(attachmentsDir(), "tmp");
  let temp: string | null = null;
  try {
    const stored = await s3.head(objectKey);
    if (!stored || stored.size !== ticket.s) throw truncated();
    const sniffed = await sniffFile(await readHead(s3, objectKey, ticket.s), ticket.n);
    const limits = await uploadRoom(actorId, ticket.s);
    assertWithinLimits(sniffed, ticket.s, limits);
    if (needsLocalCopy(sniffed, ticket.v)) {
      await fs.mkdir(tempDir, { recursive: true });
      temp = path.join(tempDir, `${ticket.k}.part`);
      const body = await s3.read(objectKey, 0, ticket.s - 1);
      if (!body) throw truncated();
      await pipeline(body, createWriteStream(temp, { mode: 0o640 }));
    }
    return await storeReceived(
      actorId,
      { id: ticket.k, name: ticket.n, sniffed, bytes: ticket.s, voice: ticket.v, temp, stored: true },
      limits,
      blobs,
      tempDir,
    );
  } catch (error) {
    await blobs.delete([ticket.k]);
    throw error;
  } finally {
    if (temp) await fs.rm(temp, { force: true }).catch(() => {});
  }
}

export async function abortDirectUpload(actorId: string, body: unknown): Promise<void> {
  const s3 = s3OrRefuse();
  const ticket = open(actorId, parseInput(abortSchema, body).token, true);
  await s3.abortMultipart(s3AttachmentKey(ticket.k), ticket.x);
}
