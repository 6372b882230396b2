// GET /api/users?query=  → {users: SafeUser[]} (name contains query, or exact email; never emails)
import { searchUsers } from "@/lib/chat/people/search";
import { queryOf } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, user) => json({ users: await searchUsers(user.id, queryOf(request)) }));
