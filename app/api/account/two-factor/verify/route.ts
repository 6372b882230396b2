// POST /api/account/two-factor/verify {code} → 200 {ok}: the second factor of an OAuth sign-in that
// asks for one (lib/account/two-factor/pending.ts). The request's session cookie must hold a
// pending sign-in; a right code replaces it with the cookie of a signed-in session. 400 wrong or
// missing code, 401 no pending sign-in (none, expired, revoked), 429 with Retry-After (the sign-in
// budgets), 403 cross-site, 413.
import { completeSecondFactor, sessionCookie } from "@/lib/account/two-factor/pending";
import { getAuthOptions } from "@/lib/auth/options";
import { decodeSessionToken, requestCookieMap } from "@/lib/auth/session-token";
import { clientIp, readJson } from "@/lib/http/request";
import { json, publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async (request) => {
  const input = await readJson(request, 4 * 1024);
  const secret = getAuthOptions().secret;
  const token = secret ? await decodeSessionToken(requestCookieMap(request), secret) : null;
  const signedIn = await completeSecondFactor(token, input, {
    ip: clientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
  });
  const cookie = await sessionCookie(signedIn);
  const response = json({ ok: true });
  response.headers.append(
    "Set-Cookie",
    `${cookie.name}=${cookie.value}; Path=${cookie.options.path}; Max-Age=${cookie.options.maxAge}; HttpOnly; SameSite=Lax${cookie.options.secure ? "; Secure" : ""}`,
  );
  return response;
});
