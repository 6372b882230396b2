// POST /api/auth/register {name, email, password, username?} → 201 {user: {id, name, image}}.
// Errors: 400 with field messages, 409 email taken, 429 with Retry-After, 403 cross-site, 413.
import { registerUser } from "@/lib/auth/accounts";
import { clientIp, readJson } from "@/lib/http/request";
import { json, publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async (request) =>
  json({ user: await registerUser(await readJson(request), { ip: clientIp(request.headers) }) }, 201),
);
