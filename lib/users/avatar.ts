// Avatar images: the type is checked by content (magic bytes), then the image is decoded and
// re-encoded as a 256×256 WebP. Decoding proves it is a real image (a polyglot fails), the pixel
// limit stops decompression bombs, and re-encoding drops every metadata block (EXIF incl. GPS).
import "server-only";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { assertImage, MAX_IMAGE_BYTES, MAX_INPUT_PIXELS } from "@/lib/storage/images";

export const AVATAR_SIDE = 256;
const UNREADABLE = "This image could not be read. Use a valid PNG, JPEG, GIF or WebP image.";

export async function processAvatar(input: Uint8Array): Promise<{ bytes: Uint8Array; contentType: "image/webp"; ext: "webp" }> {
  assertImage(input, MAX_IMAGE_BYTES);
  try {
    const output = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: AVATAR_SIDE, height: AVATAR_SIDE, fit: "cover", position: "attention" })
      .webp({ quality: 82 })
      .toBuffer();
    return { bytes: new Uint8Array(output), contentType: "image/webp", ext: "webp" };
  } catch {
    throw new AppError("unsupported_media_type", UNREADABLE, { avatar: [UNREADABLE] });
  }
}
