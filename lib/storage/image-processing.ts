// Message image processing with sharp: the type is checked by content first (assertImage, magic
// bytes), then the image is decoded, auto-rotated from EXIF and re-encoded in the same format,
// which drops every metadata block (EXIF incl. GPS, XMP, ICC comments); plus a WebP thumbnail.
// Decoding also proves the file really is the image it claims to be (a polyglot fails here).
import "server-only";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { assertImage, MAX_IMAGE_BYTES, MAX_INPUT_PIXELS, type ImageKind } from "./images";

/** Longest side of a stored message image; larger uploads are scaled down. */
export const MAX_IMAGE_SIDE = 2560;
export const THUMBNAIL_SIDE = 480;
/**
 * zlib level of re-encoded PNGs: 6 (zlib's default) instead of 9, which cost about twice the CPU
 * time for a few percent smaller files (docs/SECURITY.md, "Upload budgets").
 */
export const PNG_COMPRESSION_LEVEL = 6;

export interface ProcessedImage {
  kind: ImageKind;
  bytes: Uint8Array;
  width: number;
  height: number;
  thumbnail: Uint8Array;
}

function invalid(message: string): AppError {
  return new AppError("unsupported_media_type", message, { file: [message] });
}

export async function processMessageImage(input: Uint8Array, maxBytes = MAX_IMAGE_BYTES): Promise<ProcessedImage> {
  let kind: ImageKind;
  try {
    kind = assertImage(input, maxBytes);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, { file: [error.message] });
    throw error;
  }
  const animated = kind === "gif" || kind === "webp";
  try {
    const source = () => sharp(input, { animated, limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
    const base = source().rotate().resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: "inside", withoutEnlargement: true });
    // sharp writes no metadata unless asked to (withMetadata/keepMetadata): the output is clean.
    const encoded =
      kind === "png"
        ? base.png({ compressionLevel: PNG_COMPRESSION_LEVEL })
        : kind === "jpg"
          ? base.jpeg({ quality: 85, mozjpeg: true })
          : kind === "gif"
            ? base.gif()
            : base.webp({ quality: 85 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    // The thumbnail is made from the re-encoded image (at most MAX_IMAGE_SIDE, already rotated), not
    // by decoding the original a second time.
    const thumbnail = await sharp(data, { failOn: "error" })
      .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const height = animated && info.pageHeight ? info.pageHeight : info.height;
    return { kind, bytes: new Uint8Array(data), width: info.width, height, thumbnail: new Uint8Array(thumbnail) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid("This image could not be read. Use a valid PNG, JPEG, GIF or WebP image.");
  }
}
