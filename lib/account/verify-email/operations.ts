// E-mail verification (issue #17, OWASP ASVS 5.0 V6.4): after a password sign-up Parley mails a
// single-use link (24 h); until it is opened the account works but is unverified — exact-address
// people search does not find it, and a provider-verified OAuth sign-in may claim the address
// (lib/auth/options.ts). OAuth accounts with a provider-verified address are verified at creation.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { appUrl, sendMail } from "@/lib/mail/mailer";
import { templates } from "@/lib/mail/templates";
import { assertVerificationMailAllowed } from "@/lib/rate-limit/auth-limits";
import { securityLog } from "@/lib/security/log";
import { fieldErrors } from "@/lib/auth/validation";
import { forgetLiveSession } from "@/lib/auth/session-version";
import { consumeLinkToken, issueLinkToken } from "../tokens";
import { verifyEmailSchema } from "../schemas";

export type VerificationState = "verified" | "unverified" | "no-email";

/**
 * Mails a new verification link to the user's address (the earlier link stops working); 3 per hour
 * per user. Answers what the account's state is: nothing is sent for a verified address.
 */
export async function sendVerificationEmail(userId: string): Promise<VerificationState> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true, emailVerified: true } });
  if (!user) throw new AppError("not_found", "This account no longer exists.");
  if (!user.email) return "no-email";
  if (user.emailVerified) return "verified";
  await assertVerificationMailAllowed(userId);
  const token = await issueLinkToken(userId, "verify-email", user.email);
  await sendMail(user.email, templates.verifyEmail({ name: user.name, url: appUrl(`/verify-email#token=${token}`) }));
  securityLog("account.verification_sent", { userId });
  return "unverified";
}

/**
 * Opens a verification link: the address it was sent to becomes verified, if it is still the
 * account's address. A used, expired or unknown link is refused with one message.
 */
export async function verifyEmail(input: unknown): Promise<{ userId: string }> {
  const parsed = verifyEmailSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", "This link is incomplete.", fieldErrors(parsed.error));
  const used = await consumeLinkToken("verify-email", parsed.data.token);
  if (!used) throw invalidLink();
  const updated = await db.user.updateMany({
    where: { id: used.userId, email: used.email },
    data: { emailVerified: new Date() },
  });
  if (updated.count !== 1) throw invalidLink();
  forgetLiveSession(used.userId);
  securityLog("account.email_verified", { userId: used.userId });
  return { userId: used.userId };
}

const invalidLink = () =>
  new AppError(
    "bad_request",
    "This verification link is no longer valid: it was used already, or it expired. Send a new one from your settings.",
  );

export async function verificationState(userId: string): Promise<VerificationState> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  if (!user?.email) return "no-email";
  return user.emailVerified ? "verified" : "unverified";
}
