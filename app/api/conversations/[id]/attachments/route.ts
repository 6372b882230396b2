// GET /api/conversations/{id}/attachments?tab=media|files|voice&cursor=&limit= → the conversation's
// media gallery page, newest first (lib/chat/attachments/gallery.ts); members only (404 otherwise).
import { listGallery } from "@/lib/chat/attachments/gallery";
import { queryOf } from "@/lib/http/request";
import { apiRoute, json, type IdContext } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<IdContext>(async (request, user, context) =>
  json(await listGallery(user.id, (await context.params).id, queryOf(request))),
);
