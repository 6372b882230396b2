// POST /api/account/delete {password?, code?, deleteMessages?} → 200 {deleted, messagesDeleted,
// groupsLeft}: my account is deleted (lib/account/delete/operations.ts) and every session of it
// ends. 400 with field messages (wrong password or code), 401 signed out, 403 cross-site, 429 with
// Retry-After after several wrong passwords.
import { deleteAccount } from "@/lib/account/delete/operations";
import { readJson } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => json(await deleteAccount(user.id, await readJson(request, 4 * 1024))));
