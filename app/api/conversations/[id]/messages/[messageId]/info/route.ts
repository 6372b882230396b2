// GET /api/conversations/:id/messages/:messageId/info → MessageInfoDto (my own message only: per
// member, delivered at / read at; anything else is 404).
import { messageInfo } from "@/lib/chat/receipts/reads";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; messageId: string }> };

export const GET = apiRoute<Context>(async (_request, user, { params }) => {
  const { id, messageId } = await params;
  return json(await messageInfo(user.id, id, { messageId }));
});
