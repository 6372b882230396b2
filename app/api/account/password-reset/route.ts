// POST /api/account/password-reset {token, password} → 200 {ok: true}: the new password is set and
// every session of the account ends. 400 with field messages (password policy, a used or expired
// link), 403 cross-site, 413.
import { resetPassword } from "@/lib/account/password-reset/operations";
import { clientIp, readJson } from "@/lib/http/request";
import { json, publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4 * 1024;

export const POST = publicRoute(async (request) => {
  await resetPassword(await readJson(request, MAX_BODY_BYTES), { ip: clientIp(request.headers) });
  return json({ ok: true });
});
