// Limits of attachments (issue 14), shown by the UI before an upload starts. Browser-safe. The
// per-type sizes and the quota come from the environment; GET /api/attachments answers them.
export const ATTACHMENT_LIMITS = {
  /** Attachments one message may carry. */
  perMessage: 10,
  /** Characters of a file name (display and download only). */
  nameMax: 200,
} as const;

export const ATTACHMENT_KINDS = ["image", "video", "audio", "voice", "file"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** What GET /api/attachments answers: the size limits by type and my storage, in bytes. */
export interface AttachmentLimits {
  perMessage: number;
  maxBytes: { image: number; video: number; file: number };
  quotaBytes: number;
  usedBytes: number;
  /**
   * Whether the server makes video posters (ffmpeg installed). When false, the uploader's browser
   * grabs one and PUTs it to /api/attachments/{id}/poster (lib/client/video-poster.ts).
   */
  serverPosters: boolean;
  /** Files go straight from the browser to the bucket (POST /api/attachments/direct): S3 is configured. */
  direct: boolean;
}

/** The size limit a kind falls under: images, videos, anything else (audio, voice notes, documents). */
export function limitClass(kind: AttachmentKind): "image" | "video" | "file" {
  return kind === "image" || kind === "video" ? kind : "file";
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0).replace(/\.0$/, "")} MB`;
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
