// Web Push subscriptions of my devices (issue 16):
//   GET    /api/notifications/push?endpoint=… → {publicKey, devices: PushDevice[]} (this browser's marked `current`)
//   POST   /api/notifications/push {endpoint, keys: {p256dh, auth}, previews?} → {device} (201)
//   DELETE /api/notifications/push {endpoint} → 204 (this browser unsubscribed)
import { listPushDevices, pushPublicKey, subscribePush, unsubscribePush } from "@/lib/chat/notifications/operations";
import { queryOf, readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, user) => {
  const endpoint = queryOf(request).endpoint;
  return json({ publicKey: pushPublicKey(), devices: await listPushDevices(user.id, typeof endpoint === "string" ? endpoint : undefined) });
});

export const POST = apiRoute(async (request, user) =>
  json({ device: await subscribePush(user.id, await readJson(request, 4096), request.headers.get("user-agent")) }, 201),
);

export const DELETE = apiRoute(async (request, user) => {
  await unsubscribePush(user.id, await readJson(request, 4096));
  return new Response(null, { status: 204 });
});
