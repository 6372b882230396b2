// Where attachment bytes live, behind one small seam: the local disk by default
// ({PARLEY_DATA_DIR}/attachments/<key>, files.ts), an S3-compatible bucket when S3_* is configured
// (the same variables as images; objects under "<S3_PREFIX>attachments/<key>"). Keys are the app's
// (files.ts), never a client's. Nothing here holds a whole file in memory: files go in from a local
// temporary file as a stream (multipart above 8 MB on S3) and come out as ranged streams.
//
// Reads on S3 are proxied by the app (serve.ts) rather than redirected to a presigned GET: every
// read keeps the session check at the moment of the request (a removed member loses access at once,
// no URL outlives membership), and the bytes keep our headers (private caching, nosniff, sandbox CSP,
// attachment disposition) whatever the bucket or a CDN in front of it would send. The cost is the
// app's bandwidth, streamed without buffering.
import "server-only";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import type { Readable } from "node:stream";
import { serverEnv } from "@/lib/config/env";
import { s3ConfigFromEnv } from "@/lib/storage/s3";
import { S3Error, S3Objects } from "@/lib/storage/s3-objects";
import { attachmentFile, attachmentsDir, isAttachmentKey } from "./files";

export interface BlobInfo {
  size: number;
  etag: string;
}

export interface AttachmentBlobs {
  /** Stores the finished local file `temp` under `key`; the temporary file is gone afterwards. */
  place(key: string, temp: string): Promise<void>;
  stat(key: string): Promise<BlobInfo | null>;
  /** Bytes start..end (inclusive), or null when the file is missing. */
  read(key: string, start: number, end: number): Promise<Readable | null>;
  /** A second file with the same bytes (forwarding); an error with code ENOENT when `from` is missing. */
  copy(from: string, to: string): Promise<void>;
  /** Best effort: a file left behind is never served, its row is gone. */
  delete(keys: (string | null | undefined)[]): Promise<void>;
}

const missing = () => Object.assign(new Error("attachment file missing"), { code: "ENOENT" });

class LocalBlobs implements AttachmentBlobs {
  constructor(private readonly dir: string) {}

  async place(key: string, temp: string): Promise<void> {
    await fs.rename(temp, attachmentFile(key, this.dir));
  }

  async stat(key: string): Promise<BlobInfo | null> {
    const stat = await fs.stat(attachmentFile(key, this.dir)).catch(() => null);
    return stat ? { size: stat.size, etag: `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"` } : null;
  }

  async read(key: string, start: number, end: number): Promise<Readable | null> {
    const file = attachmentFile(key, this.dir);
    const exists = await fs.access(file).then(
      () => true,
      () => false,
    );
    return exists ? createReadStream(file, { start, end }) : null;
  }

  /** A hard link when the disk allows (no bytes copied), a copy otherwise. */
  async copy(from: string, to: string): Promise<void> {
    const [source, target] = [attachmentFile(from, this.dir), attachmentFile(to, this.dir)];
    try {
      await fs.link(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error;
      await fs.copyFile(source, target, fs.constants.COPYFILE_EXCL);
    }
  }

  async delete(keys: (string | null | undefined)[]): Promise<void> {
    await Promise.all(keys.filter(isAttachmentKey).map((key) => fs.rm(attachmentFile(key, this.dir), { force: true }).catch(() => {})));
  }
}

/** The object key of an attachment file in the bucket (S3_PREFIX is added by the client). */
export const s3AttachmentKey = (key: string) => `attachments/${attachmentFile(key, "")}`;

export class S3Blobs implements AttachmentBlobs {
  constructor(readonly s3: S3Objects) {}

  async place(key: string, temp: string): Promise<void> {
    const { size } = await fs.stat(temp);
    try {
      await this.s3.putFile(s3AttachmentKey(key), temp, size);
    } finally {
      await fs.rm(temp, { force: true }).catch(() => {});
    }
  }

  stat(key: string): Promise<BlobInfo | null> {
    return this.s3.head(s3AttachmentKey(key));
  }

  read(key: string, start: number, end: number): Promise<Readable | null> {
    return this.s3.read(s3AttachmentKey(key), start, end);
  }

  async copy(from: string, to: string): Promise<void> {
    await this.s3.copy(s3AttachmentKey(from), s3AttachmentKey(to)).catch((error: unknown) => {
      throw error instanceof S3Error && error.status === 404 ? missing() : error;
    });
  }

  async delete(keys: (string | null | undefined)[]): Promise<void> {
    await Promise.all(keys.filter(isAttachmentKey).map((key) => this.s3.delete(s3AttachmentKey(key)).catch(() => {})));
  }
}

/** The S3 client for attachments when S3 is configured, else null (local disk). */
export function attachmentS3(): S3Objects | null {
  const config = s3ConfigFromEnv();
  return config ? new S3Objects(config) : null;
}

/** The key of direct-upload tokens (direct.ts): the app's auth secret. */
export const signingSecret = () => serverEnv().NEXTAUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? "";

/** Whether the browser may upload straight to the bucket (direct.ts): S3 configured and a secret to sign tokens with. */
export function directUploadAvailable(): boolean {
  return attachmentS3() !== null && signingSecret().length >= 32;
}

/** The configured store: S3 when S3_* is set, else the local folder `dir`. */
export function attachmentBlobs(dir = attachmentsDir()): AttachmentBlobs {
  const s3 = attachmentS3();
  return s3 ? new S3Blobs(s3) : new LocalBlobs(dir);
}

/** Deletes stored files (best effort), wherever they live. */
export async function deleteAttachmentFiles(keys: (string | null | undefined)[], dir = attachmentsDir()): Promise<void> {
  await attachmentBlobs(dir).delete(keys);
}
