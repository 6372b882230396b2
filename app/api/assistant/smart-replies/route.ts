// PUT /api/assistant/smart-replies {enabled} → AssistantStatus, after turning smart replies on or
// off for me (separate from the assistant chat). 404 when this server has no AI provider.
import { setSmartRepliesEnabled } from "@/lib/chat/assistant/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const PUT = apiRoute(async (request, user) => json(await setSmartRepliesEnabled(user.id, await readJson(request, 1024))));
