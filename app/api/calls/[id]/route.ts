// GET  /api/calls/:id → {call: CallDto, iceServers} (TURN credentials only for someone rung or joined)
// POST /api/calls/:id {action: accept | decline | hangup | heartbeat | screen-start | screen-stop}
//   → CallDto after the action. Members of the call's conversation only (404 otherwise).
import { callAction, getCall } from "@/lib/chat/calls/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<IdContext>(async (_request, user, { params }) => {
  const { id } = await params;
  return json(await getCall(user.id, id));
});

export const POST = apiRoute<IdContext>(async (request, user, { params }) => {
  const { id } = await params;
  return json(await callAction(user.id, id, await readJson(request, 1024)));
});
