// POST /api/calls/:id/signal {to, kind: offer | answer | ice, data} → {delivered}
//   One WebRTC signalling message to another joined participant of the call (call:signal on their
//   user channel). Non-member: 404; not in the call: 403; a stale call: {delivered: false}.
import { signalCall } from "@/lib/chat/calls/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The data (≤ 7,000 characters) plus the envelope, with room for JSON escapes. */
const MAX_SIGNAL_BODY = 16 * 1024;

export const POST = apiRoute<IdContext>(async (request, user, { params }) => {
  const { id } = await params;
  return json(await signalCall(user.id, id, await readJson(request, MAX_SIGNAL_BODY)));
});
