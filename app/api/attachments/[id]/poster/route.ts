// GET /api/attachments/{id}/poster → a video's poster frame (JPEG, made by ffmpeg on upload, or the
// uploader's browser when the server could not), under the same rule as the video itself
// (lib/chat/attachments/access.ts).
// PUT /api/attachments/{id}/poster with a JPEG/PNG/WebP image as the raw body → my pending video's
// poster, only when the server made none: re-encoded, at most 2 MB (lib/chat/attachments/poster.ts).
import { readAttachment } from "@/lib/chat/attachments/access";
import { receiveClientPoster } from "@/lib/chat/attachments/poster";
import { attachmentResponse } from "@/lib/chat/attachments/serve";
import { apiRoute, json, sessionOptionalRoute, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = sessionOptionalRoute<IdContext>(async (request, user, context) => {
  const { id } = await context.params;
  const poster = await readAttachment(user?.id ?? null, id, "poster").catch((error: unknown) => {
    if ((error as { code?: unknown }).code === "not_found") return null;
    throw error;
  });
  if (!poster)
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return attachmentResponse(request, poster);
});

export const PUT = apiRoute<IdContext>(async (request, user, context) => {
  const { id } = await context.params;
  const length = request.headers.get("content-length");
  const declaredSize = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  return json(await receiveClientPoster(user.id, id, { body: request.body, declaredSize }));
});
