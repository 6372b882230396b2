// POST /api/conversations/:id/seen {messageId} → {seenCount, unreadCount}
import { apiRoute, json, readJson, type IdContext } from "@/lib/chat/http";
import { markSeen } from "@/lib/chat/messages";

export const dynamic = "force-dynamic";

export const POST = apiRoute<IdContext>({ mutating: true }, async (request, user, { params }) => {
  const { id } = await params;
  return json(await markSeen(user.id, id, await readJson(request)));
});
