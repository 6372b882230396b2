// Reading statuses (issue 15): mine, and which of some users chose "busy" (no ringing, no
// notifications for them).
import "server-only";
import { db } from "@/lib/db/client";
import { toMyStatus, type MyStatus } from "./dto";

export const statusSelect = { status: true, awaySince: true } as const;

export async function myStatus(userId: string): Promise<MyStatus> {
  return toMyStatus(await db.userActivity.findUnique({ where: { userId }, select: statusSelect }));
}

/** Of these users, those who chose busy (do not disturb). */
export async function busyUserIds(userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.userActivity.findMany({
    where: { userId: { in: [...new Set(userIds)] }, status: "busy" },
    select: { userId: true },
  });
  return new Set(rows.map((row) => row.userId));
}
