// The second factor after an OAuth sign-in, for users who opted in (UserTwoFactor.askAfterOAuth;
// issue #17). The state machine of a session token (lib/auth/options.ts, jwt callback):
//
//   OAuth sign-in ── opted in ──► pending (token.p2f = when it began; no sid, no UserSession)
//        │                          │  right code within PENDING_SECOND_FACTOR_MS
//        │ not opted in             ▼  (POST /api/account/two-factor/verify)
//        └────────────────────► signed in (a new token: sv, sid of a new UserSession)
//
// A pending token is nobody: getSessionUser() (lib/auth/session.ts) answers null for it, so no
// page, route, server action or channel authorization accepts it; it only opens the code page
// (/sign-in/two-factor) and this upgrade. It expires after PENDING_SECOND_FACTOR_MS, dies with the
// session version like any token, and its sign-out ends nothing else. Codes are checked as after
// the password: the sign-in budgets per client address and per account (5 failures in 15 minutes,
// lib/rate-limit/auth-limits.ts), a TOTP step never twice, a recovery code once.
import "server-only";
import { encode } from "next-auth/jwt";
import { z } from "zod";
import { startSession, type SessionContext } from "@/lib/account/sessions/operations";
import { liveSessionFor, SESSION_MAX_AGE, type ParleyToken } from "@/lib/auth/options";
import { getSessionVersion } from "@/lib/auth/session-version";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordSignInSuccess, reserveSignInAttempt } from "@/lib/rate-limit/auth-limits";
import { securityLog } from "@/lib/security/log";
import { checkSecondFactor } from "./operations";
import { isPendingSecondFactor, pendingExpired } from "./pending-state";

const codeInput = z.object({
  code: z
    .string({ error: "Enter the code from your authenticator app." })
    .trim()
    .min(6, "Enter the code from your authenticator app.")
    .max(32, "That code is too long."),
});

const sessionExpired = () => new AppError("unauthorized", "This sign-in has expired. Sign in again.");

/**
 * The pending token plus a right code → the token of a signed-in session (a new UserSession).
 * Throws unauthorized (no pending sign-in, expired or revoked), bad_request (wrong code) or
 * rate_limited (the sign-in budgets).
 */
export async function completeSecondFactor(
  token: ParleyToken | null,
  input: unknown,
  context: SessionContext,
  now = Date.now(),
): Promise<ParleyToken> {
  if (!token?.sub || !isPendingSecondFactor(token) || pendingExpired(token, now)) throw sessionExpired();
  const parsed = codeInput.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]!.message;
    throw new AppError("bad_request", message, { code: [message] });
  }
  const userId = token.sub;
  const live = await liveSessionFor(token);
  if (!live) throw sessionExpired();
  // The password path's budgets, on the account's address when it has one (one budget per account
  // however it signs in), else on the user.
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  const account = user?.email ?? `user:${userId}`;
  try {
    await reserveSignInAttempt(context.ip ?? "unknown", account);
  } catch (error) {
    securityLog("signin.rate_limited", { userId, ip: context.ip ?? undefined });
    throw error;
  }
  if (!(await checkSecondFactor(userId, parsed.data.code, now))) {
    securityLog("signin.failed", { userId, ip: context.ip ?? undefined, reason: "wrong second factor after oauth" });
    throw new AppError("bad_request", "That authentication code is wrong.", { code: ["That authentication code is wrong."] });
  }
  await recordSignInSuccess(account);
  const [sv, sid] = await Promise.all([getSessionVersion(userId), startSession(userId, context)]);
  securityLog("signin.succeeded", { userId, ip: context.ip ?? undefined, reason: "oauth + second factor" });
  return { sub: userId, name: live.name, picture: live.image, sv, sid };
}

/** NextAuth's session cookie (the same name and attributes NextAuth itself sets) holding `token`. */
export async function sessionCookie(token: ParleyToken): Promise<{ name: string; value: string; options: CookieOptions }> {
  const env = serverEnv();
  // The launcher always sets one; without it NextAuth derives its own and this cannot sign a token.
  if (!env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET is needed to complete a second factor after OAuth");
  const secure = (env.NEXTAUTH_URL ?? "").startsWith("https://");
  const value = await encode({ token, secret: env.NEXTAUTH_SECRET, maxAge: SESSION_MAX_AGE });
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    value,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE },
  };
}

export interface CookieOptions {
  httpOnly: true;
  sameSite: "lax";
  path: "/";
  secure: boolean;
  maxAge: number;
}
