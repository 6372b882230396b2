// GET /api/search?q=&conversationId=&from=&before=&after=&has=attachment|image|voice|link&cursor=&limit=
//   → MessageSearchPage {hits: [{message, snippet: [{text, match}]}], nextCursor}
//   Messages of my conversations only (and only what I can see), newest first; 429 beyond the
//   per-user search budget (lib/rate-limit/user-budgets.ts).
import { searchMessages } from "@/lib/chat/search/reads";
import { queryOf } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, user) => json(await searchMessages(user.id, queryOf(request))));
