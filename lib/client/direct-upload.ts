// A direct upload in the browser (attachments on S3): the app begins a multipart upload and answers
// presigned part URLs (POST /api/attachments/direct); each part is PUT straight to the bucket by XHR
// (progress summed over the parts, a few at a time), then the app joins and checks the file
// (POST /api/attachments/direct/complete). Cancel aborts the part requests in flight and the upload
// (DELETE /api/attachments/direct), so the bucket keeps nothing.
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import { ApiError, NETWORK_MESSAGE, request, send } from "./api";
import type { XhrUpload } from "./xhr-upload";

interface Start {
  token: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
}

const PARALLEL = 3;
const cancelled = () => new ApiError({ code: "aborted", message: "Upload cancelled." }, 0);
const partFailed = (status: number) =>
  new ApiError({ code: "network", message: status ? `The upload failed (${status}). Try again.` : NETWORK_MESSAGE }, status);

/** PUTs one part; resolves its ETag (the bucket's CORS rule must expose it). */
function putPart(url: string, body: Blob, onProgress: (loaded: number) => void, xhrs: Set<XMLHttpRequest>): Promise<string> {
  const xhr = new XMLHttpRequest();
  xhrs.add(xhr);
  return new Promise<string>((resolve, reject) => {
    xhr.open("PUT", url);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      const etag = xhr.getResponseHeader("ETag");
      if (xhr.status >= 200 && xhr.status < 300 && etag) {
        onProgress(body.size);
        resolve(etag);
      } else reject(partFailed(xhr.status));
    };
    xhr.onerror = () => reject(partFailed(0));
    xhr.onabort = () => reject(cancelled());
    xhr.send(body);
  }).finally(() => xhrs.delete(xhr));
}

export function directUpload(
  file: Blob & { name?: string },
  onProgress: (fraction: number) => void,
  options: { voice?: boolean } = {},
): XhrUpload<AttachmentDto> {
  const xhrs = new Set<XMLHttpRequest>();
  let token: string | null = null;
  let aborted = false;
  const loaded = new Map<number, number>();
  const report = () => onProgress(Math.min(1, [...loaded.values()].reduce((a, b) => a + b, 0) / Math.max(1, file.size)));

  const done = (async () => {
    const start = await request<Start>("POST", "/api/attachments/direct", {
      name: file.name || "file",
      size: file.size,
      voice: options.voice,
    });
    token = start.token;
    if (aborted) throw cancelled();
    const etags: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < start.parts.length) {
        const { partNumber, url } = start.parts[next++]!;
        const from = (partNumber - 1) * start.partSize;
        etags[partNumber - 1] = await putPart(
          url,
          file.slice(from, Math.min(file.size, from + start.partSize)),
          (bytes) => {
            loaded.set(partNumber, bytes);
            report();
          },
          xhrs,
        );
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL, start.parts.length) }, worker));
    } catch (error) {
      for (const xhr of xhrs) xhr.abort();
      throw error;
    }
    if (aborted) throw cancelled();
    const attachment = await request<AttachmentDto>("POST", "/api/attachments/direct/complete", {
      token,
      parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })),
    });
    token = null;
    onProgress(1);
    return attachment;
  })();
  done.catch(() => {
    // A refused or cancelled upload: its parts go (the app aborts the multipart upload).
    if (token) void send("DELETE", "/api/attachments/direct", { json: { token } }).catch(() => undefined);
  });
  return {
    done,
    abort() {
      aborted = true;
      for (const xhr of xhrs) xhr.abort();
    },
  };
}
