// GET /api/assistant → AssistantStatus {available, enabled, botUserId, conversationId}
// PUT /api/assistant {enabled} → the same, after turning the assistant on (my chat with it exists)
//   or off. 404 with a clear message when this server has no AI provider (none configured: lib/chat/assistant/config.ts).
import { assistantStatus, setAssistantEnabled } from "@/lib/chat/assistant/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (_request, user) => json(await assistantStatus(user.id)));

export const PUT = apiRoute(async (request, user) => json(await setAssistantEnabled(user.id, await readJson(request, 1024))));
