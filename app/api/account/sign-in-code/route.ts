// POST /api/account/sign-in-code {email} → 202 {message}: the same answer whether or not an account
// has the address; the code is then used with NextAuth's "email-code" provider
// (/api/auth/callback/email-code). 400 bad address, 429 with Retry-After, 403 cross-site, 413.
import { requestSignInCode } from "@/lib/account/sign-in-code/operations";
import { clientIp, readJson } from "@/lib/http/request";
import { json, publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async (request) =>
  json(await requestSignInCode(await readJson(request, 4 * 1024), { ip: clientIp(request.headers) }), 202),
);
