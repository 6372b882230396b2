// GET /api/starred?cursor=&limit= → StarredPage {items: [{starredAt, message, conversation}], nextCursor}
//   My starred messages across my chats (only those I can still see), newest star first.
import { listStarred } from "@/lib/chat/stars/reads";
import { queryOf } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, user) => json(await listStarred(user.id, queryOf(request))));
