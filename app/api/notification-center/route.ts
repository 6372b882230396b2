// GET /api/notification-center?cursor=&limit= → NotificationPage {items, nextCursor, unreadCount} (issue 16):
//   my notification center, newest first (20 a page), with my unread count. Only my own entries.
import { listNotifications } from "@/lib/chat/notification-center/reads";
import { queryOf } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, user) => json(await listNotifications(user.id, queryOf(request))));
