// POST /api/assistant/catch-up {conversationId, fromMessageId?} → {summary, messageCount} (issue 19
// "Catch me up"): a short summary of my unread messages in a chat of mine, for me only (not stored
// as a message). 404 without a provider, for a non-member or an unknown message; 409 when I have not
// turned the assistant on; 400 when nothing is unread; 429 (rate limit, daily token budget); 503
// when the provider fails. Aborting the request cancels it.
import { catchUp } from "@/lib/chat/assistant/catch-up";
import { readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => json(await catchUp(user.id, await readJson(request, 1024), request.signal)));
