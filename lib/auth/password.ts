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
