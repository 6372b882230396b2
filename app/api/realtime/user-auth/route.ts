// POST /api/realtime/user-auth (pusher-js userAuthentication / signin, form body socket_id)
//      → {auth, user_data}
import { apiRoute, json, readForm } from "@/lib/chat/http";
import { authenticateUser } from "@/lib/realtime/authorize";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ mutating: true }, async (request, user) =>
  json(await authenticateUser(user.id, await readForm(request))),
);
