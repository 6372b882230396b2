// Is a signed token still a live session, and what are the user's current name and image?
// Answered from the database (user row + UserSecurity.sessionVersion) and remembered per process
// for SESSION_CHECK_TTL_MS, because every request asks it and it cost two queries per request
// (docs/BENCHMARKS.md). Writes in this process (sign-out, password change, profile update) forget
// the entry at once; a change made by another instance or directly in the database is seen within
// the TTL (docs/SECURITY.md).
import "server-only";
import { db } from "@/lib/db/client";

export const SESSION_CHECK_TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

export interface LiveSession {
  name: string | null;
  image: string | null;
  sessionVersion: number;
}

interface Entry {
  value: LiveSession | null; // null: the user no longer exists
  at: number;
  pending?: Promise<LiveSession | null>;
}

const globalForChecks = globalThis as unknown as { parleySessionChecks?: Map<string, Entry> };
const checks = (globalForChecks.parleySessionChecks ??= new Map());

async function load(userId: string): Promise<LiveSession | null> {
  const [profile, security] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { name: true, image: true } }),
    db.userSecurity.findUnique({ where: { userId }, select: { sessionVersion: true } }),
  ]);
  return profile ? { name: profile.name, image: profile.image, sessionVersion: security?.sessionVersion ?? 0 } : null;
}

/** The user's current profile and session version (cached ≤ SESSION_CHECK_TTL_MS); null if the user is gone. */
export async function liveSessionOf(userId: string, now = Date.now()): Promise<LiveSession | null> {
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

/** Call after changing the user's session version, name or image, or deleting the user. */
export function forgetLiveSession(userId: string): void {
  checks.delete(userId);
}
