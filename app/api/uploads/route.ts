// POST /api/uploads (multipart, field "file") → {url, thumbnailUrl, width, height}
// Message images: type checked by content (magic bytes) and by decoding, size-limited, re-encoded
// without metadata, with a WebP thumbnail stored next to it ("-thumb.webp"). Same-origin only.
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { readMultipart } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";
import { processMessageImage } from "@/lib/storage/image-processing";
import { MAX_IMAGE_BYTES } from "@/lib/storage/images";
import { CONTENT_TYPES, storage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MULTIPART_OVERHEAD = 64 * 1024;
const tooLarge = () => new AppError("payload_too_large", `Images can be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);

export const POST = apiRoute(async (request) => {
  const form = await readMultipart(
    request,
    MAX_IMAGE_BYTES + MULTIPART_OVERHEAD,
    tooLarge,
    () => new AppError("bad_request", "Send the image as multipart/form-data in a field named file."),
  );
  const file = form.get("file");
  if (!(file instanceof Blob)) throw new AppError("bad_request", "Send the image in a field named file.", { file: ["is required"] });
  if (file.size > MAX_IMAGE_BYTES) throw tooLarge();

  const image = await processMessageImage(new Uint8Array(await file.arrayBuffer()));
  const name = `msg-${randomUUID()}`;
  const key = `${name}.${image.kind}`;
  const thumbKey = `${name}-thumb.webp`;
  const store = storage();
  await store.put(thumbKey, image.thumbnail, CONTENT_TYPES.webp!);
  await store.put(key, image.bytes, CONTENT_TYPES[image.kind]!);
  return json({ url: store.url(key), thumbnailUrl: store.url(thumbKey), width: image.width, height: image.height }, 201);
});
