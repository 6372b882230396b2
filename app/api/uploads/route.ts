// POST /api/uploads (multipart, field "file") → {url, thumbnailUrl, width, height}
// Message images: type checked by content (magic bytes) and by decoding, size-limited, re-encoded
// without metadata, with a WebP thumbnail stored next to it ("-thumb.webp"). Same-origin only.
import { randomUUID } from "node:crypto";
import { apiRoute, json } from "@/lib/chat/http";
import { AppError } from "@/lib/errors";
import { processMessageImage } from "@/lib/storage/image-processing";
import { MAX_IMAGE_BYTES } from "@/lib/storage/images";
import { CONTENT_TYPES, storage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MULTIPART_OVERHEAD = 64 * 1024;

export const POST = apiRoute({ mutating: true }, async (request) => {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_IMAGE_BYTES + MULTIPART_OVERHEAD) {
    throw new AppError("payload_too_large", `Images can be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("bad_request", "Send the image as multipart/form-data in a field named file.");
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) throw new AppError("bad_request", "Send the image in a field named file.", { file: ["is required"] });
  if (file.size > MAX_IMAGE_BYTES) throw new AppError("payload_too_large", `Images can be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);

  const image = await processMessageImage(new Uint8Array(await file.arrayBuffer()));
  const name = `msg-${randomUUID()}`;
  const key = `${name}.${image.kind}`;
  const thumbKey = `${name}-thumb.webp`;
  const store = storage();
  await store.put(thumbKey, image.thumbnail, CONTENT_TYPES.webp!);
  await store.put(key, image.bytes, CONTENT_TYPES[image.kind]!);
  return json({ url: store.url(key), thumbnailUrl: store.url(thumbKey), width: image.width, height: image.height }, 201);
});
