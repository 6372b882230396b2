// POST /api/account/verify-email/resend → 202 {state}: mails a new verification link to my address
// ("verified" / "no-email": nothing to send). 401 signed out, 429 with Retry-After (3 an hour), 403 cross-site.
import { sendVerificationEmail } from "@/lib/account/verify-email/operations";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (_request, user) => json({ state: await sendVerificationEmail(user.id) }, 202));
