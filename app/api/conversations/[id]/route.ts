// GET    /api/conversations/:id  → {conversation: ConversationSummary, messages: MessagePage (newest 50)}
// DELETE /api/conversations/:id  → {result:"left"} for a group, {result:"hidden"} for a 1:1 (for me only)
import { getConversation, removeConversationForMe } from "@/lib/chat/conversations";
import { apiRoute, json, type IdContext } from "@/lib/chat/http";
import { listMessages } from "@/lib/chat/messages";

export const dynamic = "force-dynamic";

export const GET = apiRoute<IdContext>({ mutating: false }, async (_request, user, { params }) => {
  const { id } = await params;
  const conversation = await getConversation(user.id, id);
  const messages = await listMessages(user.id, id);
  return json({ conversation, messages });
});

export const DELETE = apiRoute<IdContext>({ mutating: true }, async (_request, user, { params }) => {
  const { id } = await params;
  return json(await removeConversationForMe(user.id, id));
});
