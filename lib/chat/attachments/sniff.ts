// What an uploaded file is, from its first bytes (magic numbers, file-type), never from the client's
// Content-Type. The file name's extension is a claim that must agree with the content when the
// extension names a type with a signature; executables are refused whatever they are called. A
// file without a recognised signature is a plain "file": served as application/octet-stream with
// Content-Disposition: attachment, so HTML, SVG and scripts are never rendered.
import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "@/lib/errors";
import { ATTACHMENT_LIMITS, type AttachmentKind } from "./limits";

/** Bytes file-type needs to recognise every type it knows. */
export const SNIFF_BYTES = 4100;

const EXECUTABLE_MIMES = new Set([
  "application/x-msdownload",
  "application/vnd.microsoft.portable-executable",
  "application/x-elf",
  "application/x-mach-binary",
  "application/x-executable",
  "application/x-sharedlib",
  "application/x-msi",
  "application/x-ms-installer",
  "application/java-archive",
]);
const EXECUTABLE_EXTENSIONS = new Set(["exe", "dll", "msi", "com", "scr", "bat", "cmd", "vbs", "ps1", "jar", "app", "apk", "elf"]);

/** Extensions whose type has a signature: the content must be one of these types. */
const EXPECTED: Record<string, readonly string[]> = {
  png: ["image/png", "image/apng"],
  jpg: ["image/jpeg"],
  jpeg: ["image/jpeg"],
  gif: ["image/gif"],
  webp: ["image/webp"],
  pdf: ["application/pdf"],
  mp4: ["video/mp4", "audio/mp4", "video/quicktime", "audio/x-m4a"],
  m4v: ["video/mp4", "video/x-m4v"],
  mov: ["video/quicktime", "video/mp4"],
  webm: ["video/webm", "audio/webm"],
  mp3: ["audio/mpeg"],
  ogg: ["audio/ogg", "audio/opus", "video/ogg", "application/ogg"],
  oga: ["audio/ogg", "audio/opus"],
  opus: ["audio/opus", "audio/ogg"],
  wav: ["audio/wav", "audio/vnd.wave", "audio/x-wav"],
  m4a: ["audio/x-m4a", "audio/mp4", "video/mp4"],
  zip: ["application/zip"],
};

/** Image types shown inline (the browser decodes them itself; no SVG). */
export const INLINE_IMAGE_MIMES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const VIDEO_MIMES = new Set(["video/mp4", "video/webm", "video/quicktime", "video/x-m4v"]);
const AUDIO_MIMES = new Set([
  "audio/mpeg",
  "audio/ogg",
  "audio/opus",
  "audio/wav",
  "audio/vnd.wave",
  "audio/x-wav",
  "audio/x-m4a",
  "audio/mp4",
  "audio/webm",
]);

export interface Sniffed {
  mime: string;
  /** Before probing: a webm or mp4 without a video stream becomes audio after ffprobe. */
  kind: Exclude<AttachmentKind, "voice">;
}

const refuse = (code: "bad_request" | "unsupported_media_type", message: string) => new AppError(code, message, { file: [message] });

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** A file name as given, checked: no path, no control characters, not too long. */
export function checkFileName(raw: string | null | undefined): string {
  const name = (raw ?? "").normalize("NFC").trim();
  if (!name) throw refuse("bad_request", "The file needs a name.");
  if (name.length > ATTACHMENT_LIMITS.nameMax)
    throw refuse("bad_request", `File names can be at most ${ATTACHMENT_LIMITS.nameMax} characters.`);
  if (/[/\\\u0000-\u001f\u007f]/.test(name) || name === "." || name === ".." || name.startsWith("..")) {
    throw refuse("bad_request", "The file name must not contain a path (/, \\ or ..) or control characters.");
  }
  return name;
}

/** The type of a file from its first bytes (at most SNIFF_BYTES of them), checked against its name. */
export async function sniffFile(head: Uint8Array, name: string): Promise<Sniffed> {
  const detected = head.byteLength > 0 ? await fileTypeFromBuffer(head) : undefined;
  // "audio/ogg; codecs=opus" → "audio/ogg": parameters are not part of the type.
  const found = detected ? { ext: detected.ext, mime: detected.mime.split(";")[0]!.trim() } : undefined;
  const ext = extensionOf(name);
  if ((found && EXECUTABLE_MIMES.has(found.mime)) || EXECUTABLE_EXTENSIONS.has(ext)) {
    throw refuse("unsupported_media_type", "Programs (executable files) cannot be sent.");
  }
  const expected = EXPECTED[ext];
  if (expected && (!found || !expected.includes(found.mime))) {
    const what = found ? `it is ${found.ext.toUpperCase()}` : "its type is not recognised";
    throw refuse("unsupported_media_type", `The file's content does not match its .${ext} name (${what}).`);
  }
  if (!found) return { mime: "application/octet-stream", kind: "file" };
  if (INLINE_IMAGE_MIMES.has(found.mime)) return { mime: found.mime, kind: "image" };
  if (found.mime === "image/apng") return { mime: "image/png", kind: "image" };
  if (VIDEO_MIMES.has(found.mime)) return { mime: found.mime === "video/x-m4v" ? "video/mp4" : found.mime, kind: "video" };
  if (AUDIO_MIMES.has(found.mime)) return { mime: found.mime, kind: "audio" };
  return { mime: found.mime, kind: "file" };
}
