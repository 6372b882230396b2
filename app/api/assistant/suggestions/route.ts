// POST /api/assistant/suggestions {conversationId} → {messageId, suggestions} (issue 19 smart
// replies): up to three short replies to the newest message of a chat of mine, never sent. 404
// without a provider, with smart replies off or for a non-member; 429 (rate limit, daily token
// budget); 503 when the provider fails or answers an invalid list. Aborting the request cancels it.
import { suggestReplies } from "@/lib/chat/assistant/suggestions";
import { readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => json(await suggestReplies(user.id, await readJson(request, 1024), request.signal)));
