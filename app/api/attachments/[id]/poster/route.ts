// GET /api/attachments/{id}/poster → a video's poster frame (JPEG, made by ffmpeg on upload), under
// the same rule as the video itself (lib/chat/attachments/access.ts).
import { readAttachment } from "@/lib/chat/attachments/access";
import { attachmentResponse } from "@/lib/chat/attachments/serve";
import { sessionOptionalRoute, type IdContext } from "@/lib/http/route";

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
