// GET /api/calls?cursor=&limit= → {items: CallLogEntry[], nextCursor} my Calls tab, newest first.
import { listMyCalls } from "@/lib/chat/calls/reads";
import { queryOf } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, user) => json(await listMyCalls(user.id, queryOf(request))));
