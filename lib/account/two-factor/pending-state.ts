// The pending-second-factor state of a session token (see pending.ts for the whole state machine):
// plain functions of the token, shared by the jwt callback, getSessionUser and the upgrade.
import type { ParleyToken } from "@/lib/auth/options";

/** How long a pending sign-in may wait for its code. */
export const PENDING_SECOND_FACTOR_MS = 10 * 60_000;

/** A token still waiting for its second factor (whether or not it has expired). */
export const isPendingSecondFactor = (token: Pick<ParleyToken, "p2f"> | null | undefined): boolean => typeof token?.p2f === "number";

/** A pending token past its time: it is worth nothing, not even the code page. */
export const pendingExpired = (token: Pick<ParleyToken, "p2f">, now = Date.now()): boolean =>
  typeof token.p2f !== "number" || now - token.p2f > PENDING_SECOND_FACTOR_MS || token.p2f > now + 60_000;

/** The token of an OAuth sign-in that must still give a code. */
export function pendingToken(user: { id: string; name?: string | null; image?: string | null }, sv: number, now = Date.now()): ParleyToken {
  return { sub: user.id, name: user.name ?? null, picture: user.image ?? null, sv, p2f: now };
}
