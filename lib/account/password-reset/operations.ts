// Forgotten password (issue #17, OWASP ASVS 5.0 V6.4.3): anyone may ask for a reset link for an
// address and always gets the same answer, whether or not an account has it (the mail is sent in
// the background, so neither the answer nor its timing tells); requests are limited per address
// and per IP. The link is single use, stored hashed, valid 30 minutes. A reset sets the password
// under the usual policy, ends every session (session version, passwordChangedAt), marks the
// address verified (the link proved it) and mails a notice.
import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { fieldErrors } from "@/lib/auth/validation";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { appUrl, sendMailInBackground } from "@/lib/mail/mailer";
import { templates } from "@/lib/mail/templates";
import { assertMailRequestAllowed } from "@/lib/rate-limit/auth-limits";
import { securityLog } from "@/lib/security/log";
import { consumeLinkToken, issueLinkToken, linkTokenIsLive } from "../tokens";
import { emailRequestSchema, resetPasswordSchema } from "../schemas";

/** What every request hears, account or not. */
export const RESET_REQUESTED_MESSAGE =
  "If an account uses this address, we have sent it a link to choose a new password. It works for 30 minutes.";

export async function requestPasswordReset(input: unknown, context: { ip: string }): Promise<{ message: string }> {
  const parsed = emailRequestSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", "Please correct the highlighted fields.", fieldErrors(parsed.error));
  const { email } = parsed.data;
  await assertMailRequestAllowed(context.ip, "reset-password", email);
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (user) {
    // OAuth-only accounts may set a password this way too: the mailbox is the proof.
    const token = await issueLinkToken(user.id, "reset-password", email);
    sendMailInBackground(email, templates.resetPassword({ url: appUrl(`/reset-password#token=${token}`) }));
    securityLog("account.reset_requested", { userId: user.id, ip: context.ip });
  } else {
    securityLog("account.reset_requested", { email, ip: context.ip, reason: "unknown account" });
  }
  return { message: RESET_REQUESTED_MESSAGE };
}

/** Whether the reset form should show itself for this token (it is not used up by asking). */
export async function resetLinkIsLive(token: string): Promise<boolean> {
  return linkTokenIsLive("reset-password", token);
}

export async function resetPassword(input: unknown, context: { ip: string }): Promise<{ userId: string }> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", "Please correct the highlighted fields.", fieldErrors(parsed.error));
  const { token, password } = parsed.data;
  const hashedPassword = await hashPassword(password);
  const used = await consumeLinkToken("reset-password", token);
  if (!used) {
    throw new AppError("bad_request", "This reset link is no longer valid: it was used already, or it expired. Ask for a new one.", {
      token: ["This reset link is no longer valid."],
    });
  }
  const updated = await db.user.updateMany({
    where: { id: used.userId, email: used.email },
    data: { hashedPassword },
  });
  if (updated.count !== 1) throw new AppError("bad_request", "This reset link is no longer valid. Ask for a new one.");
  await db.user.updateMany({ where: { id: used.userId, emailVerified: null }, data: { emailVerified: new Date() } });
  // Every other reset link or sign-in code of the account is void now too.
  await db.accountToken.deleteMany({ where: { userId: used.userId, purpose: { in: ["reset-password", "sign-in-code"] } } });
  await bumpSessionVersion(used.userId, { passwordChanged: true });
  securityLog("account.password_reset", { userId: used.userId, ip: context.ip });
  sendMailInBackground(used.email, templates.passwordChanged({ when: new Date() }));
  return { userId: used.userId };
}
