// POST /api/realtime/user-auth (pusher-js userAuthentication / signin, form body socket_id)
//      → {auth, user_data}
import { readForm } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";
import { authenticateUser } from "@/lib/realtime/authorize";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => json(await authenticateUser(user.id, await readForm(request))));
