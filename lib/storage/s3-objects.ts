// Large objects on S3 with no SDK and nothing held whole in memory: streaming PUT (UNSIGNED-PAYLOAD
// with a Content-Length), multipart uploads (server-side for big files, presigned parts for the
// browser), ranged GET as a stream, HEAD, DELETE and server-side copy. Attachments use it
// (lib/chat/attachments/blobs.ts); small images keep S3Storage (lib/storage/s3.ts).
import "server-only";
import { createReadStream } from "node:fs";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { s3ObjectUrl, s3Presign, type S3Config } from "./s3";
import { EMPTY_SHA256, sha256Hex, signV4, UNSIGNED_PAYLOAD } from "./sigv4";

/** S3's own floor for every part but the last, and the part size used here. */
export const MULTIPART_MIN_PART = 5 * 1024 * 1024;
export const PART_SIZE = 8 * 1024 * 1024;

export interface S3Part {
  partNumber: number;
  etag: string;
}

interface Send {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Bytes (hashed into the signature) or a stream of `length` bytes (UNSIGNED-PAYLOAD). */
  body?: Uint8Array | { stream: Readable; length: number };
}

export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string,
    what: string,
  ) {
    super(`S3 ${what} failed: ${status} ${s3Code}`.trim());
  }
}

const xmlValue = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1] ?? "";
const xmlEscape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

async function text(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Missing: 404, or 403 where the credentials may not list the bucket (AWS answers a missing key so), as S3Storage.get. */
const missing = (status: number | undefined) => status === 404 || status === 403;

export class S3Objects {
  constructor(
    readonly config: S3Config,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One signed request; the answer's body is left unread (a stream) for the caller. */
  send(method: string, key: string, { query = {}, headers = {}, body }: Send = {}): Promise<IncomingMessage> {
    const url = s3ObjectUrl(this.config, key);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const bytes = body instanceof Uint8Array ? body : null;
    const streamed = body instanceof Uint8Array ? null : (body ?? null);
    const length = bytes ? bytes.byteLength : streamed ? streamed.length : 0;
    const signed = signV4({
      method,
      url,
      headers: { ...headers, ...(body || method === "PUT" || method === "POST" ? { "content-length": String(length) } : {}) },
      payloadHash: bytes ? sha256Hex(bytes) : body ? UNSIGNED_PAYLOAD : EMPTY_SHA256,
      accessKeyId: this.config.accessKeyId,
      secretAccessKey: this.config.secretAccessKey,
      region: this.config.region,
      date: this.now(),
    });
    const client = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(url, { method, headers: signed }, resolve);
      request.on("error", reject);
      if (bytes) request.end(Buffer.from(bytes));
      else if (streamed) {
        streamed.stream.on("error", (error: Error) => request.destroy(error));
        streamed.stream.pipe(request);
      } else request.end();
    });
  }

  /** Sends and fails on a non-2xx answer (its S3 error code in the message); returns the body text. */
  private async call(what: string, method: string, key: string, options: Send = {}): Promise<{ response: IncomingMessage; body: string }> {
    const response = await this.send(method, key, options);
    const body = await text(response);
    if ((response.statusCode ?? 500) >= 300) throw new S3Error(response.statusCode ?? 500, xmlValue(body, "Code"), `${what} ${key}`);
    return { response, body };
  }

  /** The object's size and ETag, or null when there is none. */
  async head(key: string): Promise<{ size: number; etag: string } | null> {
    const response = await this.send("HEAD", key);
    response.resume();
    if (missing(response.statusCode)) return null;
    if ((response.statusCode ?? 500) >= 300) throw new S3Error(response.statusCode ?? 500, "", `HEAD ${key}`);
    return { size: Number(response.headers["content-length"]), etag: String(response.headers.etag ?? "") };
  }

  /** Bytes start..end (inclusive) as a stream, or null when the object is missing. */
  async read(key: string, start: number, end: number): Promise<Readable | null> {
    const response = await this.send("GET", key, { headers: { range: `bytes=${start}-${end}` } });
    if (missing(response.statusCode)) {
      response.resume();
      return null;
    }
    if (response.statusCode !== 206 && response.statusCode !== 200) {
      throw new S3Error(response.statusCode ?? 500, xmlValue(await text(response), "Code"), `GET ${key}`);
    }
    return response;
  }

  async delete(key: string): Promise<void> {
    const response = await this.send("DELETE", key);
    response.resume();
    if ((response.statusCode ?? 500) >= 300 && response.statusCode !== 404)
      throw new S3Error(response.statusCode ?? 500, "", `DELETE ${key}`);
  }

  async copy(from: string, to: string): Promise<void> {
    const source = `/${this.config.bucket}/${encodeURI(`${this.config.prefix ?? ""}${from}`)}`;
    await this.call("COPY", "PUT", to, { headers: { "x-amz-copy-source": source } });
  }

  async createMultipart(key: string): Promise<string> {
    const { body } = await this.call("CreateMultipartUpload", "POST", key, { query: { uploads: "" } });
    const uploadId = xmlValue(body, "UploadId");
    if (!uploadId) throw new S3Error(500, "NoUploadId", `CreateMultipartUpload ${key}`);
    return uploadId;
  }

  async completeMultipart(key: string, uploadId: string, parts: S3Part[]): Promise<void> {
    const xml =
      "<CompleteMultipartUpload>" +
      parts.map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${xmlEscape(p.etag)}</ETag></Part>`).join("") +
      "</CompleteMultipartUpload>";
    const { body } = await this.call("CompleteMultipartUpload", "POST", key, { query: { uploadId }, body: Buffer.from(xml) });
    // S3 may answer 200 with an <Error> body when the completion fails late.
    if (body.includes("<Error>")) throw new S3Error(500, xmlValue(body, "Code"), `CompleteMultipartUpload ${key}`);
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    const response = await this.send("DELETE", key, { query: { uploadId } });
    response.resume();
    if ((response.statusCode ?? 500) >= 300 && response.statusCode !== 404)
      throw new S3Error(response.statusCode ?? 500, "", `AbortMultipartUpload ${key}`);
  }

  /** A URL the browser PUTs one part to, without credentials; with `length`, only a body of exactly that size is accepted. */
  presignPart(key: string, uploadId: string, partNumber: number, expiresSeconds: number, length?: number): string {
    const headers: Record<string, string> = length === undefined ? {} : { "content-length": String(length) };
    return s3Presign(this.config, "PUT", key, { partNumber: String(partNumber), uploadId }, expiresSeconds, this.now(), headers);
  }

  /** Streams a local file into `key`: one PUT up to PART_SIZE, a multipart upload above (aborted on failure). */
  async putFile(key: string, file: string, size: number, contentType = "application/octet-stream"): Promise<void> {
    if (size <= PART_SIZE) {
      await this.call("PUT", "PUT", key, {
        headers: { "content-type": contentType },
        body: { stream: createReadStream(file), length: size },
      });
      return;
    }
    const uploadId = await this.createMultipart(key);
    try {
      const parts: S3Part[] = [];
      for (let start = 0, partNumber = 1; start < size; start += PART_SIZE, partNumber += 1) {
        const end = Math.min(size, start + PART_SIZE) - 1;
        const { response } = await this.call("UploadPart", "PUT", key, {
          query: { partNumber: String(partNumber), uploadId },
          body: { stream: createReadStream(file, { start, end }), length: end - start + 1 },
        });
        parts.push({ partNumber, etag: String(response.headers.etag ?? "") });
      }
      await this.completeMultipart(key, uploadId, parts);
    } catch (error) {
      await this.abortMultipart(key, uploadId).catch(() => {});
      throw error;
    }
  }
}
