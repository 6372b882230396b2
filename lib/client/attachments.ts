// Attachments in the browser (issue 14): the upload of one file with progress and cancel
// (./xhr-upload), the limits shown before uploading, and discarding a pending upload. A video the
// server makes no poster for gets one grabbed by the browser (./video-poster) before `done` resolves.
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import type { AttachmentLimits } from "@/lib/chat/attachments/limits";
import { request, send } from "./api";
import { withBrowserPoster } from "./video-poster";
import { xhrUpload, type XhrUpload } from "./xhr-upload";

export type AttachmentUpload = XhrUpload<AttachmentDto>;

/**
 * A file still uploading when its message is sent (issue 14): the composer hands it to the message,
 * whose bubble shows its progress (`follow`) and which goes out once every such file has settled.
 */
export interface UploadInFlight extends AttachmentUpload {
  name: string;
  size: number;
  progress: number;
  /** How many of the message's finished files come before it in the composer (keeps the picked order). */
  after: number;
  /** From now on, progress goes to `onProgress` (the bubble) instead of the composer. */
  follow(onProgress: (fraction: number) => void): void;
}

/** Streams `file` as the body of POST /api/attachments, reporting progress (0..1). */
export function uploadAttachment(
  file: Blob & { name?: string },
  onProgress: (fraction: number) => void,
  options: { voice?: boolean } = {},
): AttachmentUpload {
  const query = new URLSearchParams({ name: file.name || "file", ...(options.voice ? { voice: "1" } : {}) });
  const upload = xhrUpload<AttachmentDto>(
    `/api/attachments?${query.toString()}`,
    file,
    onProgress,
    (status, data) => status === 201 && !!data?.id,
    {
      "Content-Type": "application/octet-stream",
    },
  );
  return options.voice ? upload : { ...upload, done: withBrowserPoster(file, upload.done) };
}

export const attachmentLimits = () => request<AttachmentLimits>("GET", "/api/attachments");

/** Drops an uploaded file that will not be sent (removed from the composer). */
export function discardAttachment(id: string): void {
  void send("DELETE", `/api/attachments/${encodeURIComponent(id)}`).catch(() => undefined);
}
