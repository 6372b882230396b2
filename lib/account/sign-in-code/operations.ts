// "E-mail me a code" (issue #17): a sign-in without the password. Anyone may ask for a code for an
// address and always gets the same answer; requests are limited per address and IP. The code is
// 6 digits, valid 10 minutes, stored as a keyed hash, used once, and void after 5 wrong guesses
// (lib/account/tokens.ts). The sign-in itself is NextAuth's "email-code" credentials provider
// (lib/auth/providers.ts), behind the same per-IP and per-account sign-in limits as the password.
import "server-only";
import { fieldErrors } from "@/lib/auth/validation";
import type { PublicUser } from "@/lib/auth/public-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { sendMailInBackground } from "@/lib/mail/mailer";
import { templates } from "@/lib/mail/templates";
import { assertMailRequestAllowed, recordSignInSuccess } from "@/lib/rate-limit/auth-limits";
import { securityLog } from "@/lib/security/log";
import { consumeCode, issueCode } from "../tokens";
import { requireSecondFactor, TWO_FACTOR_REQUIRED, twoFactorEnabled } from "../two-factor/operations";
import { emailRequestSchema, signInCodeSchema } from "../schemas";

export const CODE_SENT_MESSAGE = "If an account uses this address, we have sent it a 6-digit code. It works for 10 minutes.";

export async function requestSignInCode(input: unknown, context: { ip: string }): Promise<{ message: string }> {
  const parsed = emailRequestSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", "Please correct the highlighted fields.", fieldErrors(parsed.error));
  const { email } = parsed.data;
  await assertMailRequestAllowed(context.ip, "sign-in-code", email);
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (user) {
    const code = await issueCode(user.id, email);
    sendMailInBackground(email, templates.signInCode({ code }));
    securityLog("account.code_requested", { userId: user.id, ip: context.ip });
  }
  return { message: CODE_SENT_MESSAGE };
}

/**
 * The credentials check of a code sign-in: the user on success, null on any failure (unknown
 * address, no live code, wrong code, too many guesses). A code proves the mailbox, so an
 * unverified address becomes verified.
 */
export async function authenticateWithCode(input: unknown): Promise<PublicUser | null> {
  const parsed = signInCodeSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, code } = parsed.data;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, image: true, emailVerified: true } });
  const totp = (input as { totp?: unknown }).totp;
  // With two-factor authentication on, ask for the second factor before the code is used up.
  if (user && (typeof totp !== "string" || !totp.trim()) && (await twoFactorEnabled(user.id))) throw new Error(TWO_FACTOR_REQUIRED);
  const used = user ? await consumeCode(user.id, code) : null;
  if (!user || !used || used.email !== email) {
    securityLog("signin.failed", { userId: user?.id, email, reason: user ? "wrong code" : "unknown account" });
    return null;
  }
  await requireSecondFactor(user.id, totp);
  if (!user.emailVerified) await db.user.update({ where: { id: user.id }, data: { emailVerified: new Date() }, select: { id: true } });
  await recordSignInSuccess(email);
  return { id: user.id, name: user.name, image: user.image };
}
