// GET /api/conversations/{id}/links?cursor=&limit= → the web links sent in the conversation, newest
// first (the gallery's Links tab, lib/chat/links/reads.ts); members only (404 otherwise).
import { listLinks } from "@/lib/chat/links/reads";
import { queryOf } from "@/lib/http/request";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<IdContext>(async (request, user, context) =>
  json(await listLinks(user.id, (await context.params).id, queryOf(request))),
);
