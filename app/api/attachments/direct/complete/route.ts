// POST /api/attachments/direct/complete {token, parts: [{partNumber, etag}]} → the pending attachment
//      (201) once the parts are joined, sized, sniffed and within the limits; any refusal is a 4xx and
//      leaves nothing behind (lib/chat/attachments/direct.ts).
import { COMPLETE_BODY_BYTES, completeDirectUpload } from "@/lib/chat/attachments/direct";
import { readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = apiRoute(async (request, user) =>
  json(await completeDirectUpload(user.id, await readJson(request, COMPLETE_BODY_BYTES)), 201),
);
