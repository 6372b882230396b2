// GET /api/calls/current → {call: CallDto | null, iceServers} the call I am in (a reload rejoins it)
//   or, failing that, one ringing for me (a tab opened while it rings).
import { myCurrentCall } from "@/lib/chat/calls/operations";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (_request, user) => json(await myCurrentCall(user.id)));
