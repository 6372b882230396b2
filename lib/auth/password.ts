// Password hashing with bcrypt (bcryptjs: pure JS, no native build).
import bcrypt from "bcryptjs";

/** Cost 12 is ~250 ms on one core here: slow for attackers, fine for a sign-in. */
export const BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same bcrypt work as a real check, for unknown emails and password-less (OAuth-only)
 * accounts, so the failure path does not reveal whether an account exists by answering faster.
 */
export async function verifyAgainstDummyHash(password: string): Promise<false> {
  dummy ??= bcrypt.hash("parley-dummy-password-never-matches", BCRYPT_COST);
  await bcrypt.compare(password, await dummy);
  return false;
}
