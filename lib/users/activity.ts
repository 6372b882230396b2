// "Last active": stamped when a signed-in user's session is read (any page, API call or realtime
// auth), at most once a minute per user and process, and shown only to people who share a
// conversation with them (lib/chat/conversations.ts). Never on the hot path: the write is not awaited.
// Not while invisible (lib/chat/status).
import "server-only";
import { db } from "@/lib/db/client";

export const ACTIVITY_RESOLUTION_MS = 60_000;
const lastWritten = new Map<string, number>();

/** Records that `userId` is active now (throttled). Resolves when written or skipped; never throws. */
export async function touchActivity(userId: string, now = Date.now()): Promise<void> {
  const previous = lastWritten.get(userId);
  if (previous !== undefined && now - previous < ACTIVITY_RESOLUTION_MS) return;
  lastWritten.set(userId, now);
  if (lastWritten.size > 50_000) lastWritten.clear(); // bounded memory; a clear costs one extra write each
  const lastActiveAt = new Date(now);
  try {
    // Invisible (lib/chat/status): my last activity stays where it was when I went invisible.
    const { count } = await db.userActivity.updateMany({
      where: { userId, OR: [{ status: null }, { status: { not: "invisible" } }] },
      data: { lastActiveAt },
    });
    if (count === 0) await db.userActivity.create({ data: { userId, lastActiveAt }, select: { id: true } });
  } catch (error) {
    const code = (error as { code?: string }).code;
    // The row exists (I am invisible, or a concurrent first write created it): nothing more to do.
    if (code === "P2002") return;
    // The user was deleted while a session of theirs was still cached (foreign key): nothing to record.
    if (code === "P2003") return;
    lastWritten.delete(userId);
    console.error("activity: could not record last activity", (error as Error).message);
  }
}

/** Last activity of these users (ISO strings); users never seen are absent. */
export async function lastActiveOf(userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.userActivity.findMany({
    where: { userId: { in: [...new Set(userIds)] } },
    select: { userId: true, lastActiveAt: true },
  });
  return new Map(rows.map((row) => [row.userId, row.lastActiveAt.toISOString()]));
}
