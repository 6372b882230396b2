// One-time secrets of the account lifecycle (AccountToken): links (e-mail verification, password
// reset) and 6-digit codes (e-mailed sign-in). OWASP ASVS 5.0 V6.6 / V6.4: random from the CSPRNG,
// stored only as a hash, single use, short-lived, and for codes a small number of guesses.
// - A link token is 32 random bytes (base64url); its row is found by SHA-256 of it.
// - A code has only 10^6 values, so a plain hash would fall to a brute force of a stolen table:
//   it is stored as HMAC-SHA256 keyed by NEXTAUTH_SECRET over user and code, and looked up through
//   the user's newest live code, each wrong guess counted (CODE_MAX_ATTEMPTS voids it).
// Issuing a token deletes the user's earlier ones of the same purpose: only the newest link or code works.
import "server-only";
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";

export type TokenPurpose = "verify-email" | "reset-password" | "sign-in-code" | "delete-account";
/** The purposes whose secret is a 6-digit code (the others are links). */
export type CodePurpose = "sign-in-code" | "delete-account";

const MINUTE = 60_000;
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  "verify-email": 24 * 60 * MINUTE,
  "reset-password": 30 * MINUTE,
  "sign-in-code": 10 * MINUTE,
  "delete-account": 10 * MINUTE,
};
export const CODE_MAX_ATTEMPTS = 5;

const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

function codeHash(userId: string, code: string): string {
  const secret = serverEnv().NEXTAUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? "";
  return createHmac("sha256", `parley-sign-in-code:${secret}`).update(`${userId}:${code}`).digest("base64url");
}

async function replace(userId: string, purpose: TokenPurpose, email: string, tokenHash: string, now: Date): Promise<void> {
  await db.$transaction([
    db.accountToken.deleteMany({ where: { userId, purpose } }),
    db.accountToken.create({
      data: { userId, purpose, email, tokenHash, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) },
      select: { id: true },
    }),
  ]);
}

/** A new link token for the user and address; returns the raw token (sent, never stored). */
export async function issueLinkToken(userId: string, purpose: Exclude<TokenPurpose, CodePurpose>, email: string, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  await replace(userId, purpose, email, sha256(token), now);
  return token;
}

/** A new 6-digit code for the user and address; returns the code (sent, never stored). */
export async function issueCode(userId: string, email: string, now = new Date(), purpose: CodePurpose = "sign-in-code"): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await replace(userId, purpose, email, codeHash(userId, code), now);
  return code;
}

/**
 * Uses a link token once: the user it belongs to and the address it was sent to, or null when it is
 * unknown, of another purpose, expired or already used. The conditional update makes two
 * concurrent uses of one token succeed at most once.
 */
export async function consumeLinkToken(
  purpose: Exclude<TokenPurpose, CodePurpose>,
  token: string,
  now = new Date(),
): Promise<{ userId: string; email: string } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = sha256(token);
  const row = await db.accountToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true, email: true, purpose: true } });
  if (!row || row.purpose !== purpose) return null;
  const used = await db.accountToken.updateMany({
    where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return used.count === 1 ? { userId: row.userId, email: row.email } : null;
}

/** Whether a link token would still work (the reset form asks before showing itself); does not use it. */
export async function linkTokenIsLive(purpose: Exclude<TokenPurpose, CodePurpose>, token: string, now = new Date()): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const row = await db.accountToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { purpose: true, usedAt: true, expiresAt: true },
  });
  return !!row && row.purpose === purpose && !row.usedAt && row.expiresAt > now;
}

/**
 * Checks a code against the user's live one and uses it when it matches. Every wrong guess counts;
 * after CODE_MAX_ATTEMPTS the code is void even for the right digits.
 */
export async function consumeCode(
  userId: string,
  code: string,
  now = new Date(),
  purpose: CodePurpose = "sign-in-code",
): Promise<{ email: string } | null> {
  const row = await db.accountToken.findFirst({
    where: { userId, purpose, usedAt: null, expiresAt: { gt: now }, attempts: { lt: CODE_MAX_ATTEMPTS } },
    orderBy: { createdAt: "desc" },
    select: { id: true, tokenHash: true, email: true, attempts: true },
  });
  if (!row) return null;
  // Count the guess first (conditional on the count read), so concurrent guesses cannot exceed the limit.
  const counted = await db.accountToken.updateMany({
    where: { id: row.id, attempts: row.attempts, usedAt: null },
    data: { attempts: { increment: 1 } },
  });
  if (counted.count !== 1) return null;
  const expected = Buffer.from(row.tokenHash);
  const given = Buffer.from(/^\d{6}$/.test(code) ? codeHash(userId, code) : "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const used = await db.accountToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  return used.count === 1 ? { email: row.email } : null;
}
