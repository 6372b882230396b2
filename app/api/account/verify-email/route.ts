// POST /api/account/verify-email {token} → 200 {ok: true}: the address the link was sent to is
// verified. 400 for a used, expired or unknown link, 403 cross-site, 413. The link carries the token
// in its fragment (/verify-email#token=…), which the page posts here: it never reaches a server log.
import { verifyEmail } from "@/lib/account/verify-email/operations";
import { readJson } from "@/lib/http/request";
import { json, publicRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async (request) => {
  await verifyEmail(await readJson(request, 4 * 1024));
  return json({ ok: true });
});
