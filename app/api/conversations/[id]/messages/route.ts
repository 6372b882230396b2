// GET  /api/conversations/:id/messages?before=|after=&limit=  → MessagePage (newest first, ≤ 50)
// POST /api/conversations/:id/messages {id, body?, image?}
//      → {message: MessageDto, created: boolean} (201 created, 200 when the same id was already stored)
//      429 with Retry-After beyond the per-user send budget (lib/rate-limit/send-limit.ts)
//      A created message that asks `@ai` is then answered in the background (lib/chat/assistant/mention.ts).
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { askAssistantIfMentioned } from "@/lib/chat/assistant/mention";
import { assertSendAllowed } from "@/lib/rate-limit/send-limit";
import { queryOf, readJson } from "@/lib/http/request";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<IdContext>(async (request, user, { params }) => {
  const { id } = await params;
  return json(await listMessages(user.id, id, queryOf(request)));
});

export const POST = apiRoute<IdContext>(async (request, user, { params }) => {
  const { id } = await params;
  await assertSendAllowed(user.id); // 429 + Retry-After beyond CHAT_SEND_RATE_LIMIT per 10 s
  const result = await sendMessage(user.id, id, await readJson(request));
  // After the commit, off the response: not awaited (tracked as background work).
  void askAssistantIfMentioned(user.id, result);
  return json(result, result.created ? 201 : 200);
});
