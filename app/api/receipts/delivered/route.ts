// POST /api/receipts/delivered {items: [{conversationId, upTo}]} → {delivered}
// A client's batched delivery reports (lib/chat/receipts/operations.ts markDelivered): conversations
// I am not in are ignored. Rate-limited like sends (lib/rate-limit/send-limit.ts).
import { markDelivered } from "@/lib/chat/receipts/operations";
import { assertReceiptReportAllowed } from "@/lib/rate-limit/send-limit";
import { readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => {
  await assertReceiptReportAllowed(user.id);
  return json(await markDelivered(user.id, await readJson(request)));
});
