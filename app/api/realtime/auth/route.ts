// POST /api/realtime/auth (pusher-js channelAuthorization, form body socket_id & channel_name)
//      → {auth, channel_data?}; 403 for channels the session user may not join.
import { readForm } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";
import { authorizeChannel } from "@/lib/realtime/authorize";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => json(await authorizeChannel(user.id, await readForm(request))));
