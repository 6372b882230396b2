// POST /api/conversations/:id/message-request {answer: "accept" | "decline"} → {answer}
import { answerMessageRequest } from "@/lib/chat/message-requests/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<IdContext>(async (request, user, { params }) => {
  const { id } = await params;
  return json(await answerMessageRequest(user.id, id, await readJson(request)));
});
