// Storing a message image (POST /api/uploads): budget first (before any decoding), then the image is
// checked and re-encoded (lib/storage/image-processing.ts), then the quota, then the record and the
// files. The image is private to its uploader until a message shows it (records.ts assertAttachable).
import "server-only";
import { randomUUID } from "node:crypto";
import { assertUploadAllowed } from "@/lib/rate-limit/user-budgets";
import { processMessageImage } from "@/lib/storage/image-processing";
import { CONTENT_TYPES, storage, type Storage } from "@/lib/storage/storage";
import { scheduleOrphanSweep } from "./cleanup";
import { assertQuota, recordUpload } from "./records";

export interface StoredImage {
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

export async function storeMessageImage(actorId: string, input: Uint8Array, files: Storage = storage()): Promise<StoredImage> {
  await assertUploadAllowed(actorId);
  await assertQuota(actorId, 0); // already full: refuse before decoding
  const image = await processMessageImage(input);
  const name = `msg-${randomUUID()}`;
  const key = `${name}.${image.kind}`;
  const thumbnailKey = `${name}-thumb.webp`;
  const contentType = CONTENT_TYPES[image.kind]!;
  await recordUpload(
    actorId,
    { key, thumbnailKey, size: image.bytes.byteLength + image.thumbnail.byteLength, contentType },
    async () => {
      await files.put(thumbnailKey, image.thumbnail, CONTENT_TYPES.webp!);
      await files.put(key, image.bytes, contentType);
    },
    files,
  );
  scheduleOrphanSweep(files);
  return { url: files.url(key), thumbnailUrl: files.url(thumbnailKey), width: image.width, height: image.height };
}
