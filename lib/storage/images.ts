// Image upload checks: the type comes from the file's first bytes (magic numbers), never from the
// client's Content-Type or file name; only PNG, JPEG, GIF and WebP (no SVG: it can carry script).
import { AppError } from "@/lib/errors";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/**
 * Decompression-bomb guard: pixels of an input image (checked from its header, before decoding).
 * 25 Mpixel covers phone and most camera photos (12–24 Mpixel); it was 40.
 */
export const MAX_INPUT_PIXELS = 25_000_000;

export type ImageKind = "png" | "jpg" | "gif" | "webp";

export function sniffImage(bytes: Uint8Array): ImageKind | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpg";
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return "gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) {
    return "webp";
  }
  return null;
}

/** Validates an uploaded image; returns its kind. */
export function assertImage(bytes: Uint8Array, maxBytes = MAX_IMAGE_BYTES): ImageKind {
  if (bytes.byteLength === 0) throw new AppError("bad_request", "The file is empty.", { avatar: ["The file is empty."] });
  if (bytes.byteLength > maxBytes) {
    const message = `Images can be at most ${Math.floor(maxBytes / 1024 / 1024)} MB.`;
    throw new AppError("payload_too_large", message, { avatar: [message] });
  }
  const kind = sniffImage(bytes);
  if (!kind) {
    const message = "Use a PNG, JPEG, GIF or WebP image.";
    throw new AppError("unsupported_media_type", message, { avatar: [message] });
  }
  return kind;
}
