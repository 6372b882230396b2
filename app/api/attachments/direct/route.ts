// POST   /api/attachments/direct {name, size, voice?} → a direct upload begun (attachments on S3 only):
//        presigned part URLs and a token bound to me (lib/chat/attachments/direct.ts). 201.
// DELETE /api/attachments/direct {token} → the upload aborted (cancel before complete). 204.
import { abortDirectUpload, START_BODY_BYTES, startDirectUpload } from "@/lib/chat/attachments/direct";
import { readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(async (request, user) =>
  json(await startDirectUpload(user.id, await readJson(request, START_BODY_BYTES)), 201),
);

export const DELETE = apiRoute(async (request, user) => {
  await abortDirectUpload(user.id, await readJson(request, START_BODY_BYTES));
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
