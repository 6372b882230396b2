// POST /api/conversations/:id/seen {messageId} → {seenCount, unreadCount}
import { markSeen } from "@/lib/chat/receipts/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<IdContext>(async (request, user, { params }) => {
  const { id } = await params;
  return json(await markSeen(user.id, id, await readJson(request)));
});
