// POST /api/uploads (multipart, field "file") → {url, thumbnailUrl, width, height}
// Message images: per-user budget and quota, type checked by content (magic bytes) and by decoding,
// size-limited, re-encoded without metadata, with a WebP thumbnail stored next to it
// ("-thumb.webp"); private to the uploader until a message shows it (lib/chat/uploads). Same-origin only.
import { storeMessageImage } from "@/lib/chat/uploads/operations";
import { AppError } from "@/lib/errors";
import { readMultipart } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";
import { MAX_IMAGE_BYTES } from "@/lib/storage/images";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MULTIPART_OVERHEAD = 64 * 1024;
const tooLarge = () => new AppError("payload_too_large", `Images can be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);

export const POST = apiRoute(async (request, user) => {
  const form = await readMultipart(
    request,
    MAX_IMAGE_BYTES + MULTIPART_OVERHEAD,
    tooLarge,
    () => new AppError("bad_request", "Send the image as multipart/form-data in a field named file."),
  );
  const file = form.get("file");
  if (!(file instanceof Blob)) throw new AppError("bad_request", "Send the image in a field named file.", { file: ["is required"] });
  if (file.size > MAX_IMAGE_BYTES) throw tooLarge();
  return json(await storeMessageImage(user.id, new Uint8Array(await file.arrayBuffer())), 201);
});
