// POST /api/assistant/reply {conversationId, regenerate?} → a streaming answer of the assistant
// (application/x-ndjson: {type:"start"}, {type:"delta", text}…, then {type:"done", status,
// message} or {type:"error", message}). Before anything streams, the usual JSON errors: 404 (no
// assistant, or not my assistant chat), 409 (turned off), 429 (rate limit, daily token budget),
// 400 (nothing to answer). Aborting the request stops the answer (the text so far is kept).
import { streamAssistantReply } from "@/lib/chat/assistant/reply";
import { readJson } from "@/lib/http/request";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => {
  const stream = await streamAssistantReply(user.id, await readJson(request, 1024), request.signal);
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
});
