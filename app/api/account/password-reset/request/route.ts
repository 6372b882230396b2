// POST /api/account/password-reset/request {email} → 202 {message}: the same answer whether or not
// an account has the address. 400 bad address, 429 with Retry-After (per address and per IP), 403 cross-site, 413.
import { requestPasswordReset } from "@/lib/account/password-reset/operations";
import { clientIp, readJson } from "@/lib/http/request";
import { json, publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4 * 1024;

export const POST = publicRoute(async (request) =>
  json(await requestPasswordReset(await readJson(request, MAX_BODY_BYTES), { ip: clientIp(request.headers) }), 202),
);
