// Security events (OWASP ASVS V16): one JSON line each on stdout, for whatever collects the
// server's logs. Who (user id), from where (client address), what, and when; never a secret, a
// password, a token or a cookie, and no e-mail address in clear (an account is named by a short
// hash of its normalized address, enough to correlate attempts on one account).
import "server-only";
import { createHash } from "node:crypto";

export type SecurityEvent =
  | "signin.succeeded"
  | "signin.failed"
  | "signin.rate_limited"
  | "signin.second_factor_pending"
  | "registration.rate_limited"
  | "account.email_released"
  | "account.verification_sent"
  | "account.email_verified"
  | "account.reset_requested"
  | "account.password_reset"
  | "account.code_requested"
  | "account.two_factor_enabled"
  | "account.two_factor_disabled"
  | "account.two_factor_oauth_changed"
  | "account.recovery_code_used"
  | "account.delete_failed"
  | "account.deleted"
  | "password.changed"
  | "password.change_failed"
  | "session.ended"
  | "session.new_device"
  | "authorization.refused"
  | "upload.refused";

export interface SecurityFields {
  userId?: string | null;
  ip?: string;
  /** An e-mail address: logged as accountHash only. */
  email?: string;
  /** What was refused or changed (a channel name, a route, a reason code): no user content. */
  target?: string;
  reason?: string;
}

/** A short, stable, non-reversible name for an account (SHA-256 of the normalized address, 16 hex). */
export const accountHash = (email: string): string => createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 16);

type Sink = (line: string) => void;
const stdout: Sink = (line) => console.info(line);
// Vitest runs thousands of refused and failed attempts on purpose: their lines would bury the test
// output. Tests that check the log install their own sink (setSecurityLogSinkForTests).
const quietInTests: Sink = process.env.NODE_ENV === "test" && !process.env.PARLEY_SECURITY_LOG ? () => {} : stdout;
let sink: Sink = quietInTests;

/** Test seam: collect lines instead of printing them (null restores stdout). */
export function setSecurityLogSinkForTests(next: Sink | null): void {
  if (process.env.NODE_ENV !== "test") throw new Error("setSecurityLogSinkForTests is for tests only");
  sink = next ?? quietInTests;
}

export function securityLog(event: SecurityEvent, fields: SecurityFields = {}): void {
  const { email, ...rest } = fields;
  const entry: Record<string, unknown> = { type: "security", event, at: new Date().toISOString() };
  for (const [key, value] of Object.entries(rest)) if (value !== undefined && value !== null) entry[key] = String(value).slice(0, 200);
  if (email) entry.accountHash = accountHash(email);
  sink(JSON.stringify(entry));
}
