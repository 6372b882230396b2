// GET    /api/conversations/:id  → {conversation: ConversationSummary, messages: MessagePage (newest 50)}
// DELETE /api/conversations/:id  → {result:"left"} for a group, {result:"hidden"} for a 1:1 (for me only)
import { getConversation } from "@/lib/chat/conversations/reads";
import { removeConversationForMe } from "@/lib/chat/members/operations";
import { listMessages } from "@/lib/chat/messages/history";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<IdContext>(async (_request, user, { params }) => {
  const { id } = await params;
  const conversation = await getConversation(user.id, id);
  const messages = await listMessages(user.id, id);
  return json({ conversation, messages });
});

export const DELETE = apiRoute<IdContext>(async (_request, user, { params }) => {
  const { id } = await params;
  return json(await removeConversationForMe(user.id, id));
});
