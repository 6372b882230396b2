// POST /api/notification-center/read {id} | {all: true} → {unreadCount} (issue 16): marks one of my
// notification center's entries read (anyone else's: 404), or all of them; my other tabs follow
// (`notification:read`).
import { markNotificationsRead } from "@/lib/chat/notification-center/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => json(await markNotificationsRead(user.id, await readJson(request, 1024))));
