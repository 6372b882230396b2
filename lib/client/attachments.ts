// Attachments in the browser (issue 14): the upload of one file with progress and cancel — straight
// to the bucket (./direct-upload) when the server says attachments live on S3, else streamed to the
// app (./xhr-upload) — the limits shown before uploading, and discarding a pending upload. A video the
// server makes no poster for gets one grabbed by the browser (./video-poster) before `done` resolves.
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import type { AttachmentLimits } from "@/lib/chat/attachments/limits";
import { ApiError, request, send } from "./api";
import { directUpload } from "./direct-upload";
import { withBrowserPoster } from "./video-poster";
import { xhrUpload, type XhrUpload } from "./xhr-upload";

export type AttachmentUpload = XhrUpload<AttachmentDto>;

/**
 * A file still uploading when its message is sent (issue 14): the composer hands it to the message,
 * whose bubble shows its progress (`follow`) and which goes out once every such file has settled.
 */
export interface RefusedUpload {
  file: File;
  voice?: boolean;
  error: string;
}

export interface UploadInFlight extends AttachmentUpload {
  /** The file itself: a refused one goes back to the composer, beside its error, to retry. */
  file: File;
  voice?: boolean;
  name: string;
  size: number;
  progress: number;
  /** How many of the message's finished files come before it in the composer (keeps the picked order). */
  after: number;
  /** From now on, progress goes to `onProgress` (the bubble) instead of the composer. */
  follow(onProgress: (fraction: number) => void): void;
}

let directAvailable: Promise<boolean> | null = null;
/** Whether this server takes direct uploads (asked once per page; on doubt, through the app). */
function direct(): Promise<boolean> {
  directAvailable ??= attachmentLimits().then(
    (limits) => limits.direct === true,
    () => {
      directAvailable = null;
      return false;
    },
  );
  return directAvailable;
}

/** Uploads `file` (direct to the bucket when available, else POST /api/attachments), reporting progress (0..1). */
export function uploadAttachment(
  file: Blob & { name?: string },
  onProgress: (fraction: number) => void,
  options: { voice?: boolean } = {},
): AttachmentUpload {
  let inner: AttachmentUpload | null = null;
  let aborted = false;
  const done = direct().then((available) => {
    if (aborted) throw new ApiError({ code: "aborted", message: "Upload cancelled." }, 0);
    inner = available ? directUpload(file, onProgress, options) : uploadThroughApp(file, onProgress, options);
    return options.voice ? inner.done : withBrowserPoster(file, inner.done);
  });
  return {
    done,
    abort() {
      aborted = true;
      inner?.abort();
    },
  };
}

/** Streams `file` as the body of POST /api/attachments, reporting progress (0..1). */
function uploadThroughApp(
  file: Blob & { name?: string },
  onProgress: (fraction: number) => void,
  options: { voice?: boolean },
): AttachmentUpload {
  const query = new URLSearchParams({ name: file.name || "file", ...(options.voice ? { voice: "1" } : {}) });
  return xhrUpload<AttachmentDto>(
    `/api/attachments?${query.toString()}`,
    file,
    onProgress,
    (status, data) => status === 201 && !!data?.id,
    {
      "Content-Type": "application/octet-stream",
    },
  );
}

export const attachmentLimits = () => request<AttachmentLimits>("GET", "/api/attachments");

/** Drops an uploaded file that will not be sent (removed from the composer). */
export function discardAttachment(id: string): void {
  void send("DELETE", `/api/attachments/${encodeURIComponent(id)}`).catch(() => undefined);
}
