// GET  /api/conversations/:id/calls → {call: CallDto | null, iceServers, log} the conversation's live call
//   (a group call to join late from the header; ICE servers only for someone in it) and its newest
//   50 calls for the timeline ("Missed voice call", "Video call, 12 min")
// POST /api/conversations/:id/calls {type: "voice" | "video"} → 201 {call, joined: false} a new call
//   ringing every other member; 200 {call, joined: true} when a live call was there and I joined it
//   (glare); 409 when I or (1:1) the other person am already in a call.
import { conversationCall, startCall } from "@/lib/chat/calls/operations";
import { conversationCallLog } from "@/lib/chat/calls/reads";
import { readJson } from "@/lib/http/request";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<IdContext>(async (_request, user, { params }) => {
  const { id } = await params;
  const current = await conversationCall(user.id, id);
  return json({ ...current, log: await conversationCallLog(user.id, id) });
});

export const POST = apiRoute<IdContext>(async (request, user, { params }) => {
  const { id } = await params;
  const result = await startCall(user.id, id, await readJson(request, 1024));
  return json(result, result.joined ? 200 : 201);
});
