// The sign-in and registration budgets (OWASP ASVS V6.3 anti-automation):
// - per client IP: every attempt counts (AUTH_RATE_LIMIT_PER_IP per 15 minutes, default 30);
// - per account: every attempt is reserved as a failure before the password is checked (5 per 15
//   minutes), so concurrent guesses cannot all pass the check; a success clears them. The account
//   is the e-mail NextAuth's authorize() receives (the route parses the body exactly as NextAuth
//   does). Registrations for one email address count (5 per hour).
// - mail that anyone can ask for (password reset, sign-in code; issue #17): per client IP
//   (AUTH_RATE_LIMIT_PER_IP per 15 minutes) and per address and kind (3 per 15 minutes), whether
//   or not an account has that address, so the limit itself tells nothing; verification mail: 3
//   per hour per user.
// Exceeding a budget throws AppError("rate_limited") with retryAfter; the routes answer 429 with
// a Retry-After header, and the forms show the wait.
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { RateLimiter, type RateLimitStore } from "./limiter";
import { sharedRateLimitStore, waitText } from "./shared";

const MINUTE = 60_000;
export const ACCOUNT_SIGN_IN_FAILURES = 5;
export const MAILS_PER_ADDRESS = 3;
export const VERIFICATION_MAILS_PER_HOUR = 3;

interface AuthLimiters {
  signInIp: RateLimiter;
  signInAccount: RateLimiter;
  registerIp: RateLimiter;
  registerAccount: RateLimiter;
  mailIp: RateLimiter;
  mailAddress: RateLimiter;
  verifyResend: RateLimiter;
}

const globalForLimits = globalThis as unknown as { parleyAuthLimiters?: AuthLimiters };

export function createAuthLimiters(store: RateLimitStore, perIp: number): AuthLimiters {
  return {
    signInIp: new RateLimiter(store, { name: "signin:ip", max: perIp, windowMs: 15 * MINUTE }),
    signInAccount: new RateLimiter(store, { name: "signin:account", max: ACCOUNT_SIGN_IN_FAILURES, windowMs: 15 * MINUTE }),
    registerIp: new RateLimiter(store, { name: "register:ip", max: perIp, windowMs: 15 * MINUTE }),
    registerAccount: new RateLimiter(store, { name: "register:account", max: 5, windowMs: 60 * MINUTE }),
    mailIp: new RateLimiter(store, { name: "mail:ip", max: perIp, windowMs: 15 * MINUTE }),
    mailAddress: new RateLimiter(store, { name: "mail:address", max: MAILS_PER_ADDRESS, windowMs: 15 * MINUTE }),
    verifyResend: new RateLimiter(store, { name: "mail:verify", max: VERIFICATION_MAILS_PER_HOUR, windowMs: 60 * MINUTE }),
  };
}

function limiters(): AuthLimiters {
  if (!globalForLimits.parleyAuthLimiters) {
    globalForLimits.parleyAuthLimiters = createAuthLimiters(sharedRateLimitStore(), serverEnv().AUTH_RATE_LIMIT_PER_IP);
  }
  return globalForLimits.parleyAuthLimiters;
}

function tooMany(retryAfter: number): AppError {
  return new AppError("rate_limited", `Too many attempts. Try again in ${waitText(retryAfter)}.`, undefined, retryAfter);
}

/**
 * Before a password is checked: counts the attempt against the IP and, as a failure until it
 * succeeds, against the account; refuses when either is over budget.
 */
export async function reserveSignInAttempt(ip: string, email: string, l: AuthLimiters = limiters()): Promise<void> {
  const [byIp, byAccount] = await Promise.all([l.signInIp.consume(ip), l.signInAccount.consume(email)]);
  const blocked = [byIp, byAccount].filter((d) => !d.allowed);
  if (blocked.length > 0) throw tooMany(Math.max(...blocked.map((d) => d.retryAfter)));
}

/** A correct password: the account's reserved failures are cleared. */
export async function recordSignInSuccess(email: string, l: AuthLimiters = limiters()): Promise<void> {
  await l.signInAccount.reset(email);
}

export async function assertRegistrationAllowed(ip: string, email: string, l: AuthLimiters = limiters()): Promise<void> {
  const [byIp, byAccount] = await Promise.all([l.registerIp.consume(ip), l.registerAccount.consume(email)]);
  const blocked = [byIp, byAccount].filter((d) => !d.allowed);
  if (blocked.length > 0) throw tooMany(Math.max(...blocked.map((d) => d.retryAfter)));
}

/** Before a reset link or sign-in code is mailed: counts the request against the IP and the address (of any account or none). */
export async function assertMailRequestAllowed(
  ip: string,
  kind: "reset-password" | "sign-in-code" | "delete-account",
  email: string,
  l: AuthLimiters = limiters(),
): Promise<void> {
  const [byIp, byAddress] = await Promise.all([l.mailIp.consume(ip), l.mailAddress.consume(`${kind}:${email}`)]);
  const blocked = [byIp, byAddress].filter((d) => !d.allowed);
  if (blocked.length > 0) throw tooMany(Math.max(...blocked.map((d) => d.retryAfter)));
}

/** Before a verification mail is sent (at sign-up and on "send it again"): 3 per hour per user. */
export async function assertVerificationMailAllowed(userId: string, l: AuthLimiters = limiters()): Promise<void> {
  const decision = await l.verifyResend.consume(userId);
  if (!decision.allowed) throw tooMany(decision.retryAfter);
}
