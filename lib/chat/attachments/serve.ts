// The HTTP response of an attachment read: streamed from the local disk or S3 (blobs.ts; never read whole), with HTTP Range
// (206 / 416) so audio and video can seek, private caching only, nosniff, a sandbox CSP, and
// Content-Disposition: inline only for safe images, audio and video, attachment for the rest.
import "server-only";
import { Readable } from "node:stream";
import type { ReadableAttachment } from "./access";
import { attachmentBlobs } from "./blobs";

const BASE_HEADERS = {
  "Cache-Control": "private, max-age=0, must-revalidate",
  Vary: "Cookie",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; media-src 'self'; img-src 'self'; sandbox",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Accept-Ranges": "bytes",
};

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(type: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** One byte range of `size` bytes, or null for no/ignored Range, or "unsatisfiable". */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null | "unsatisfiable" {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null; // multiple or malformed ranges: the whole file
  let start: number;
  let end: number;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

const missing = () =>
  new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

export async function attachmentResponse(request: Request, attachment: ReadableAttachment, forceDownload = false): Promise<Response> {
  const blobs = attachmentBlobs();
  const stat = await blobs.stat(attachment.key);
  if (!stat) return missing();
  const etag = stat.etag;
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    ETag: etag,
    "Content-Type": attachment.contentType,
    "Content-Disposition": contentDisposition(attachment.inline && !forceDownload ? "inline" : "attachment", attachment.name),
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const range = parseRange(request.headers.get("range"), stat.size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${stat.size}` } });
  }
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  const stream = request.method === "HEAD" || stat.size === 0 ? null : await blobs.read(attachment.key, start, end);
  if (request.method !== "HEAD" && stat.size > 0 && !stream) return missing();
  const body = stream ? (Readable.toWeb(stream) as ReadableStream<Uint8Array>) : null;
  return new Response(body, {
    status: range ? 206 : 200,
    headers: {
      ...headers,
      "Content-Length": String(end - start + 1),
      ...(range ? { "Content-Range": `bytes ${start}-${end}/${stat.size}` } : {}),
    },
  });
}
