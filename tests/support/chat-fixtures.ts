// Helpers for chat tests (never imported by application code): real users in the real database.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { SafeUser } from "@/lib/chat/kernel/dto";

export const uniqueTag = (): string => `${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;

/** Creates `count` users with unique emails; names are "<prefix> <n> <tag>". */
export async function makeUsers(count: number, prefix = "User"): Promise<(SafeUser & { email: string })[]> {
  const tag = uniqueTag();
  const users = [];
  for (let i = 0; i < count; i += 1) {
    users.push(
      await db.user.create({
        data: { name: `${prefix} ${i} ${tag}`, email: `${prefix.toLowerCase()}-${i}-${tag}@chat.test`, hashedPassword: "x" },
        select: { id: true, name: true, image: true, email: true },
      }),
    );
  }
  return users as (SafeUser & { email: string })[];
}

/** Inserts messages directly (fast fixtures for pagination), oldest first, and moves lastMessageAt. */
export async function insertMessages(conversationId: string, senderId: string, timestamps: Date[]): Promise<void> {
  if (timestamps.length === 0) return;
  await db.message.createMany({
    data: timestamps.map((createdAt, i) => ({ conversationId, senderId, body: `m${i}`, createdAt })),
  });
  const last = timestamps.reduce((a, b) => (a > b ? a : b));
  await db.conversation.update({ where: { id: conversationId }, data: { lastMessageAt: last } });
}
