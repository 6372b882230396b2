// The browser's poster for a video when the server makes none (issue 14): without ffmpeg on the
// server (GET /api/attachments → serverPosters false), or when ffmpeg could not read the file, the
// uploader's browser grabs a frame itself — a muted <video> on an object URL, seeked to
// min(1 s, duration / 2), drawn on a canvas at most 640 px wide, JPEG — and PUTs it to
// /api/attachments/{id}/poster once the upload is stored. The server re-encodes it and keeps it only
// for its uploader's pending video without a poster. Best effort: any failure leaves no poster.
// The duration is never sent: the player shows what the browser measures.
import type { AttachmentDto } from "@/lib/chat/attachments/dto";
import type { AttachmentLimits } from "@/lib/chat/attachments/limits";
import { request, send } from "./api";

const POSTER_WIDTH = 640;
const GRAB_TIMEOUT_MS = 10_000;

let serverPosters: Promise<boolean> | null = null;

/** Whether the server makes posters itself (asked once per page; unknown counts as yes). */
export function serverMakesPosters(): Promise<boolean> {
  serverPosters ??= request<AttachmentLimits>("GET", "/api/attachments").then(
    (limits) => limits.serverPosters !== false,
    () => {
      serverPosters = null;
      return true;
    },
  );
  return serverPosters;
}

/** A JPEG frame of a video file, at most 640 px wide; null when the browser cannot decode it. */
export function grabVideoPoster(file: Blob): Promise<Blob | null> {
  if (typeof document === "undefined") return Promise.resolve(null);
  const url = URL.createObjectURL(file);
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.preload = "auto";
  return new Promise<Blob | null>((resolve) => {
    let settled = false;
    const finish = (blob: Blob | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      video.removeAttribute("src");
      video.load();
      URL.revokeObjectURL(url);
      resolve(blob);
    };
    const timer = setTimeout(() => finish(null), GRAB_TIMEOUT_MS);
    video.onerror = () => finish(null);
    video.onloadedmetadata = () => {
      const duration = Number.isFinite(video.duration) ? video.duration : 0;
      video.currentTime = Math.min(1, duration / 2);
    };
    video.onseeked = () => {
      if (!video.videoWidth || !video.videoHeight) return finish(null);
      const width = Math.min(POSTER_WIDTH, video.videoWidth);
      const height = Math.max(1, Math.round((video.videoHeight * width) / video.videoWidth));
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d");
      if (!context) return finish(null);
      try {
        context.drawImage(video, 0, 0, width, height);
        canvas.toBlob((blob) => finish(blob), "image/jpeg", 0.8);
      } catch {
        finish(null);
      }
    };
    video.src = url;
  });
}

/** PUTs a poster for my pending video; the attachment with its posterUrl, or null when refused. */
export async function putVideoPoster(id: string, poster: Blob): Promise<AttachmentDto | null> {
  try {
    const response = await send("PUT", `/api/attachments/${encodeURIComponent(id)}/poster`, { body: poster });
    return response.ok ? ((await response.json()) as AttachmentDto) : null;
  } catch {
    return null;
  }
}

const isVideoFile = (file: Blob) => file.type.startsWith("video/");

export interface PosterDeps {
  serverMakesPosters: () => Promise<boolean>;
  grab: (file: Blob) => Promise<Blob | null>;
  put: (id: string, poster: Blob) => Promise<AttachmentDto | null>;
}
const browserDeps: PosterDeps = { serverMakesPosters, grab: grabVideoPoster, put: putVideoPoster };

/**
 * Wraps an upload's completion: when the stored attachment is a video without a poster, the browser's
 * frame is sent and the answer carries its posterUrl. The frame is grabbed while the upload runs when
 * the server is known to make none. Never fails the upload.
 */
export function withBrowserPoster(file: Blob, done: Promise<AttachmentDto>, deps: PosterDeps = browserDeps): Promise<AttachmentDto> {
  if (!isVideoFile(file)) return done;
  const early = deps
    .serverMakesPosters()
    .then((makes) => (makes ? null : deps.grab(file)))
    .catch(() => null);
  return done.then(async (attachment) => {
    if (attachment.kind !== "video" || attachment.posterUrl) return attachment;
    try {
      const poster = (await early) ?? (await deps.grab(file));
      if (!poster) return attachment;
      return (await deps.put(attachment.id, poster)) ?? attachment;
    } catch {
      return attachment;
    }
  });
}
