// POST /api/account/delete/code → 202 {message}: a 6-digit code to my own address, to confirm
// "Delete my account" without a password. 401 signed out, 403 cross-site, 429 with Retry-After.
import { requestDeleteAccountCode } from "@/lib/account/delete/operations";
import { clientIp } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) =>
  json(await requestDeleteAccountCode(user.id, { ip: clientIp(request.headers) }), 202),
);
