// GET  /api/conversations?cursor=&limit=   → ConversationPage (my conversations, newest activity first)
// POST /api/conversations {type:"direct",userId} | {type:"group",name,memberIds}
//      → {conversation: ConversationSummary, created: boolean} (201 when created, 200 for an existing 1:1)
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { listConversations } from "@/lib/chat/conversations/reads";
import { createConversationSchema } from "@/lib/chat/conversations/schemas";
import { parseInput } from "@/lib/chat/kernel/input";
import { queryOf, readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, user) => json(await listConversations(user.id, queryOf(request))));

export const POST = apiRoute(async (request, user) => {
  const input = parseInput(createConversationSchema, await readJson(request));
  if (input.type === "direct") {
    const result = await startDirectConversation(user.id, input.userId);
    return json(result, result.created ? 201 : 200);
  }
  const conversation = await createGroup(user.id, { name: input.name, memberIds: input.memberIds });
  return json({ conversation, created: true }, 201);
});
