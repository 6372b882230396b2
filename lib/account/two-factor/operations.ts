// Two-factor authentication with TOTP (issue #17, OWASP ASVS 5.0 V6.5): set up in the settings with
// a QR code and the manual key (otpauth URI), confirmed with a code, ten single-use recovery codes
// (stored as SHA-256, shown once), asked after the password (or an e-mailed code) on every sign-in,
// disabled with a code. OAuth sign-ins are not asked (the provider is the factor) unless the user
// opted in (askAfterOAuth): then the sign-in is only a pending session until a code is given
// (lib/account/two-factor/pending.ts).
// Codes: 6 digits, 30 s, one step of clock drift either way; a code that signed in once is not
// accepted again (lastUsedStep). Wrong codes count against the sign-in budget (sign-in) or the
// per-user check budget (settings), like passwords.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { clearPasswordChecks, reservePasswordCheck } from "@/lib/rate-limit/user-budgets";
import { securityLog } from "@/lib/security/log";
import { open, seal } from "./secret-box";

export const RECOVERY_CODE_COUNT = 10;
const PERIOD = 30;

const codeSchema = z
  .string({ error: "Enter the code from your authenticator app." })
  .trim()
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().min(6, "Enter the code from your authenticator app.").max(32));

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: "Parley", label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");
const normalizeRecovery = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, "");

function newRecoveryCode(): string {
  // 10 characters of base32 (50 bits), shown as xxxxx-xxxxx.
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(10);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export interface TwoFactorStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
  /** Also asked after a GitHub / Google / OIDC sign-in. */
  askAfterOAuth: boolean;
}

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const [row, left] = await Promise.all([
    db.userTwoFactor.findUnique({ where: { userId }, select: { enabledAt: true, askAfterOAuth: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  const enabled = !!row?.enabledAt;
  return { enabled, recoveryCodesLeft: enabled ? left : 0, askAfterOAuth: enabled && row?.askAfterOAuth === true };
}

const askAfterOAuthSchema = z.object({ askAfterOAuth: z.boolean({ error: "Choose on or off." }) });

/** Whether an OAuth sign-in also asks for a code (only with 2FA on). */
export async function setAskAfterOAuth(userId: string, input: unknown): Promise<{ askAfterOAuth: boolean }> {
  const parsed = askAfterOAuthSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", "Choose on or off.");
  const updated = await db.userTwoFactor.updateMany({
    where: { userId, enabledAt: { not: null } },
    data: { askAfterOAuth: parsed.data.askAfterOAuth },
  });
  if (updated.count !== 1) throw new AppError("conflict", "Turn on two-factor authentication first.");
  securityLog("account.two_factor_oauth_changed", { userId, reason: parsed.data.askAfterOAuth ? "on" : "off" });
  return parsed.data;
}

/** An OAuth sign-in of this user waits for a second factor (2FA on and opted in). */
export async function asksAfterOAuth(userId: string): Promise<boolean> {
  const row = await db.userTwoFactor.findUnique({ where: { userId }, select: { enabledAt: true, askAfterOAuth: true } });
  return !!row?.enabledAt && row.askAfterOAuth === true;
}

export interface TwoFactorSetup {
  /** The manual key (base32) for apps that cannot scan. */
  key: string;
  uri: string;
  /** The otpauth URI as a QR code (PNG data URL). */
  qr: string;
}

/** Starts (or restarts) a setup: a new secret, not yet in force until confirmSetup. */
export async function beginSetup(userId: string): Promise<TwoFactorSetup> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, name: true, twoFactor: { select: { enabledAt: true } } },
  });
  if (!user) throw new AppError("not_found", "This account no longer exists.");
  if (user.twoFactor?.enabledAt) throw new AppError("conflict", "Two-factor authentication is already on.");
  const secret = new Secret({ size: 20 }).base32;
  await db.userTwoFactor.upsert({
    where: { userId },
    create: { userId, secret: seal(secret) },
    update: { secret: seal(secret), enabledAt: null, lastUsedStep: null },
    select: { id: true },
  });
  const uri = totpFor(secret, user.email ?? user.name ?? "Parley account").toString();
  return { key: secret, uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 224 }) };
}

/** Confirms a setup with a code from the app: 2FA is on, and the ten recovery codes are returned (shown once). */
export async function confirmSetup(userId: string, input: unknown): Promise<{ recoveryCodes: string[] }> {
  const code = parseCode(input);
  await reservePasswordCheck(userId);
  const row = await db.userTwoFactor.findUnique({ where: { userId }, select: { secret: true, enabledAt: true } });
  if (!row) throw new AppError("bad_request", "Start the setup again.");
  if (row.enabledAt) throw new AppError("conflict", "Two-factor authentication is already on.");
  if (totpFor(open(row.secret), "x").validate({ token: code, window: 1 }) === null) throw wrongCode();
  await clearPasswordChecks(userId);
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId, codeHash: sha256(normalizeRecovery(c)) })) }),
    db.userTwoFactor.update({ where: { userId }, data: { enabledAt: new Date() }, select: { id: true } }),
  ]);
  securityLog("account.two_factor_enabled", { userId });
  return { recoveryCodes };
}

/** Turns 2FA off after a code (from the app, or a recovery code). */
export async function disableTwoFactor(userId: string, input: unknown): Promise<void> {
  const code = parseCode(input);
  await reservePasswordCheck(userId);
  if (!(await checkSecondFactor(userId, code))) throw wrongCode();
  await clearPasswordChecks(userId);
  await db.$transaction([db.recoveryCode.deleteMany({ where: { userId } }), db.userTwoFactor.deleteMany({ where: { userId } })]);
  securityLog("account.two_factor_disabled", { userId });
}

function parseCode(input: unknown): string {
  const parsed = codeSchema.safeParse((input as { code?: unknown } | null)?.code);
  if (!parsed.success)
    throw new AppError("bad_request", "Enter the code from your authenticator app.", { code: [parsed.error.issues[0]!.message] });
  return parsed.data;
}

const wrongCode = () =>
  new AppError("bad_request", "That code is wrong. Check the time on your phone, or use a recovery code.", {
    code: ["That code is wrong."],
  });

export async function twoFactorEnabled(userId: string): Promise<boolean> {
  const row = await db.userTwoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return !!row?.enabledAt;
}

/**
 * Checks a second factor of a user with 2FA on: a TOTP code (never the same time step twice) or an
 * unused recovery code (used up by this). False for anything else.
 */
export async function checkSecondFactor(userId: string, code: string, now = Date.now()): Promise<boolean> {
  const row = await db.userTwoFactor.findUnique({ where: { userId }, select: { secret: true, enabledAt: true, lastUsedStep: true } });
  if (!row?.enabledAt) return false;
  const digits = code.replace(/\s+/g, "");
  if (/^\d{6}$/.test(digits)) {
    const delta = totpFor(open(row.secret), "x").validate({ token: digits, window: 1, timestamp: now });
    if (delta === null) return false;
    const step = Math.floor(now / 1000 / PERIOD) + delta;
    // Conditional on the step read: a replayed or concurrent use of one code wins once.
    const claimed = await db.userTwoFactor.updateMany({
      where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step },
    });
    return claimed.count === 1;
  }
  const normalized = normalizeRecovery(code);
  if (normalized.length !== 10) return false;
  const hash = sha256(normalized);
  const candidates = await db.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
  const match = candidates.find((c) => c.codeHash.length === hash.length && timingSafeEqual(Buffer.from(c.codeHash), Buffer.from(hash)));
  if (!match) return false;
  const used = await db.recoveryCode.updateMany({ where: { id: match.id, usedAt: null }, data: { usedAt: new Date(now) } });
  if (used.count === 1) securityLog("account.recovery_code_used", { userId });
  return used.count === 1;
}

/** NextAuth error codes the sign-in forms understand (thrown from authorize: NextAuth puts them in ?error=). */
export const TWO_FACTOR_REQUIRED = "TwoFactorRequired";
export const TWO_FACTOR_WRONG = "TwoFactorWrong";

/**
 * After the first factor succeeded: passes for a user without 2FA, or with a right second factor;
 * otherwise throws the error code the form turns into "enter your code" / "wrong code".
 */
export async function requireSecondFactor(userId: string, code: unknown): Promise<void> {
  if (!(await twoFactorEnabled(userId))) return;
  if (typeof code !== "string" || code.trim() === "") throw new Error(TWO_FACTOR_REQUIRED);
  if (!(await checkSecondFactor(userId, code.slice(0, 32)))) {
    securityLog("signin.failed", { userId, reason: "wrong second factor" });
    throw new Error(TWO_FACTOR_WRONG);
  }
}
