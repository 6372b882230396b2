// GET /api/users?query=  → {users: SafeUser[]} (name contains query, or exact email; never emails)
import { apiRoute, json, queryOf } from "@/lib/chat/http";
import { searchUsers } from "@/lib/chat/users";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ mutating: false }, async (request, user) =>
  json({ users: await searchUsers(user.id, queryOf(request)) }),
);
