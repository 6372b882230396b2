// GET/HEAD /api/attachments/{id}[?download=1] → the file, to the conversation's members (before it
//   is sent: its uploader) — lib/chat/attachments/access.ts; anyone else gets the 404 of a missing
//   file. Range requests (206) for seeking; private caching, nosniff, sandbox CSP, attachment
//   disposition for anything but safe images, audio and video (serve.ts).
// DELETE /api/attachments/{id} → drops my pending upload (cancel in the composer): 204.
import { readAttachment } from "@/lib/chat/attachments/access";
import { discardPendingAttachment } from "@/lib/chat/attachments/operations";
import { attachmentResponse } from "@/lib/chat/attachments/serve";
import { apiRoute, sessionOptionalRoute, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export const GET = sessionOptionalRoute<IdContext>(async (request, user, context) => {
  const { id } = await context.params;
  const attachment = await readAttachment(user?.id ?? null, id).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === "not_found") return null;
    throw error;
  });
  if (!attachment) return notFound();
  return attachmentResponse(request, attachment, new URL(request.url).searchParams.get("download") === "1");
});

export const HEAD = GET;

export const DELETE = apiRoute<IdContext>(async (_request, user, context) => {
  await discardPendingAttachment(user.id, (await context.params).id);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
