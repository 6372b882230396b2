// GET  /api/attachments → my limits: per-type sizes, files per message, my quota and what I use.
// POST /api/attachments?name=<file name>[&voice=1] with the file as the raw body → the pending
//      attachment (201). Streamed to disk (lib/chat/attachments/store.ts): type from magic bytes,
//      size limit by type, storage quota, ffprobe metadata; any refusal is a 4xx with fields.file.
import { attachmentLimits, receiveAttachment } from "@/lib/chat/attachments/store";
import { apiRoute, json } from "@/lib/http/route";
import { queryOf } from "@/lib/http/request";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(async (_request, user) => json(await attachmentLimits(user.id)));

export const POST = apiRoute(async (request, user) => {
  const query = queryOf(request);
  const length = request.headers.get("content-length");
  const declaredSize = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  const attachment = await receiveAttachment(user.id, {
    body: request.body,
    name: query.name ?? null,
    declaredSize,
    voice: query.voice === "1",
  });
  return json(attachment, 201);
});
