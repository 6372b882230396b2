// Message image processing with sharp: the type is checked by content first (assertImage, magic
// bytes), then the image is decoded, auto-rotated from EXIF and re-encoded in the same format,
// which drops every metadata block (EXIF incl. GPS, XMP, ICC comments); plus a WebP thumbnail.
// Decoding also proves the file really is the image it claims to be (a polyglot fails here).
import "server-only";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { assertImage, MAX_IMAGE_BYTES, type ImageKind } from "./images";

/** Longest side of a stored message image; larger uploads are scaled down. */
export const MAX_IMAGE_SIDE = 2560;
export const THUMBNAIL_SIDE = 480;
/** Decompression-bomb guard (pixels of the input). */
const MAX_INPUT_PIXELS = 40_000_000;

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
        ? base.png({ compressionLevel: 9 })
        : kind === "jpg"
          ? base.jpeg({ quality: 85, mozjpeg: true })
          : kind === "gif"
            ? base.gif()
            : base.webp({ quality: 85 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
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
