// Session revocation for JWT sessions: each token carries the user's sessionVersion from when it
// was issued; sign-out and a password change increment it, so every earlier token stops working
// on its next use (checked in the jwt callback of lib/auth/options.ts and in lib/auth/session.ts).
//
// Whether a token is still live, with the user's current name and image, is asked on every
// request; it cost two queries each time (docs/BENCHMARKS.md; one since UserSecurity is a relation
// of User), so the answer is remembered per process for SESSION_CHECK_TTL_MS. Writes in this
// process (sign-out, password change, profile update) forget the entry at once, and with REDIS_URL
// every other instance forgets it at once too (lib/auth/session-broadcast.ts); a change made
// directly in the database, or while Redis is unreachable, is seen within the TTL (docs/SECURITY.md).
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { publishForget, sessionBroadcast } from "./session-broadcast";
import { endConnections } from "@/lib/realtime/publisher";
import { trackBackgroundWork } from "@/lib/server/lifecycle";

export async function getSessionVersion(userId: string): Promise<number> {
  const row = await db.userSecurity.findUnique({ where: { userId }, select: { sessionVersion: true } });
  return row?.sessionVersion ?? 0;
}

/**
 * Ends every session of the user (sign-out, password change), and with them the user's open
 * realtime connections: a socket outlives the session cookie, so it is terminated too; its client
 * reconnects and can no longer sign in (lib/realtime/authorize.ts needs a live session).
 */
export async function bumpSessionVersion(userId: string, options: { passwordChanged?: boolean } = {}): Promise<number> {
  const version = await bumpVersion(userId, options);
  if (version > 0) await endConnections([userId]);
  return version;
}

async function bumpVersion(userId: string, options: { passwordChanged?: boolean }): Promise<number> {
  const passwordChangedAt = options.passwordChanged ? new Date() : undefined;
  const upsert = () =>
    db.userSecurity.upsert({
      where: { userId },
      create: { userId, sessionVersion: 1, passwordChangedAt },
      update: { sessionVersion: { increment: 1 }, ...(passwordChangedAt ? { passwordChangedAt } : {}) },
      select: { sessionVersion: true },
    });
  // The session records go with the tokens (the sessions list shows none of them any more).
  const revokeRecords = () =>
    db.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } }).catch(() => undefined);
  try {
    const version = (await upsert()).sessionVersion;
    await revokeRecords();
    return version;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Two first-time upserts raced on the unique userId: the row exists now, so update it.
    if (code === "P2002") {
      const version = (await upsert()).sessionVersion;
      await revokeRecords();
      return version;
    }
    // The user is gone (foreign key, e.g. sign-out of a deleted account): no session is left to end.
    if (code === "P2003") return 0;
    throw error;
  } finally {
    forgetLiveSession(userId);
  }
}

export const SESSION_CHECK_TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

export interface LiveSession {
  name: string | null;
  image: string | null;
  sessionVersion: number;
  /** The user's signed-in sessions (UserSession ids, the tokens' `sid`) not signed out. */
  sessionIds: string[];
}

interface Entry {
  value: LiveSession | null; // null: the user no longer exists
  at: number;
  pending?: Promise<LiveSession | null>;
}

const globalForChecks = globalThis as unknown as { parleySessionChecks?: Map<string, Entry> };
const checks = (globalForChecks.parleySessionChecks ??= new Map());

async function load(userId: string): Promise<LiveSession | null> {
  const profile = await db.user.findUnique({
    where: { id: userId },
    select: {
      name: true,
      image: true,
      security: { select: { sessionVersion: true } },
      sessions: { where: { revokedAt: null }, select: { id: true }, take: 500 },
    },
  });
  return profile
    ? {
        name: profile.name,
        image: profile.image,
        sessionVersion: profile.security?.sessionVersion ?? 0,
        sessionIds: profile.sessions.map((s) => s.id),
      }
    : null;
}

/** The user's current profile and session version (cached ≤ SESSION_CHECK_TTL_MS); null if the user is gone. */
export async function liveSessionOf(userId: string, now = Date.now()): Promise<LiveSession | null> {
  const redisUrl = serverEnv().REDIS_URL;
  if (redisUrl) sessionBroadcast(redisUrl, forgetHere); // listening before the first entry is cached
  const entry = checks.get(userId);
  if (entry && now - entry.at < SESSION_CHECK_TTL_MS) return entry.pending ?? entry.value;
  // Concurrent requests of one user share one lookup.
  const pending = load(userId);
  checks.set(userId, { value: null, at: now, pending });
  try {
    const value = await pending;
    if (checks.get(userId)?.pending === pending) {
      if (checks.size >= MAX_ENTRIES) checks.clear(); // bounded memory; a clear costs one lookup each
      checks.set(userId, { value, at: now });
    }
    return value;
  } catch (error) {
    if (checks.get(userId)?.pending === pending) checks.delete(userId);
    throw error;
  }
}

const forgetHere = (userId: string): void => {
  checks.delete(userId);
};

/** Call after changing the user's session version, name or image, or deleting the user: every instance forgets it. */
export function forgetLiveSession(userId: string): void {
  forgetHere(userId);
  const redisUrl = serverEnv().REDIS_URL;
  if (redisUrl) void trackBackgroundWork(publishForget(redisUrl, userId, forgetHere));
}
