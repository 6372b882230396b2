// POST /api/notifications/focus {focused} → 204. A Parley tab of mine is focused (sent again every
// 30 s while it stays so) or lost focus: while one is focused, no Web Push reaches me (issue 16).
import { reportFocus } from "@/lib/chat/notifications/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => {
  await reportFocus(user.id, await readJson(request, 256));
  return new Response(null, { status: 204 });
});
