// One of my devices (issue 16, Settings):
//   PATCH  /api/notifications/push/:id {previews} → {device}
//   DELETE /api/notifications/push/:id → 204 (turned off: its subscription is deleted)
import { removePushDevice, setPushPreviews } from "@/lib/chat/notifications/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute<IdContext>(async (request, user, { params }) => {
  const { id } = await params;
  return json({ device: await setPushPreviews(user.id, id, await readJson(request, 1024)) });
});

export const DELETE = apiRoute<IdContext>(async (_request, user, { params }) => {
  const { id } = await params;
  await removePushDevice(user.id, id);
  return new Response(null, { status: 204 });
});
