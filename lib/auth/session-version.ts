// Session revocation for JWT sessions: each token carries the user's sessionVersion from when it
// was issued; sign-out and a password change increment it, so every earlier token stops working
// on its next use (checked in the jwt callback of lib/auth/options.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { forgetLiveSession } from "./session-check";

export async function getSessionVersion(userId: string): Promise<number> {
  const row = await db.userSecurity.findUnique({ where: { userId }, select: { sessionVersion: true } });
  return row?.sessionVersion ?? 0;
}

export async function bumpSessionVersion(userId: string, options: { passwordChanged?: boolean } = {}): Promise<number> {
  const passwordChangedAt = options.passwordChanged ? new Date() : undefined;
  const upsert = () =>
    db.userSecurity.upsert({
      where: { userId },
      create: { userId, sessionVersion: 1, passwordChangedAt },
      update: { sessionVersion: { increment: 1 }, ...(passwordChangedAt ? { passwordChangedAt } : {}) },
      select: { sessionVersion: true },
    });
  try {
    return (await upsert()).sessionVersion;
  } catch (error) {
    // Two first-time upserts raced on the unique userId: the row exists now, so update it.
    if ((error as { code?: string }).code === "P2002") return (await upsert()).sessionVersion;
    throw error;
  } finally {
    forgetLiveSession(userId);
  }
}
