// Demo data for the embedded database: three people, a 1:1 chat and a group, so a first run of
// `npm run dev` has something to look at. Idempotent by email: re-running does not duplicate.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";

export const DEMO_PASSWORD = "parley-demo-pass";
export const DEMO_USERS = [
  { name: "Alice Archer", email: "alice@parley.test" },
  { name: "Bob Baker", email: "bob@parley.test" },
  { name: "Carol Chen", email: "carol@parley.test" },
] as const;

export async function isSeeded(db: PrismaClient): Promise<boolean> {
  return (await db.user.count()) > 0;
}

export async function seedDemoData(db: PrismaClient): Promise<{ email: string; password: string }[]> {
  const hashedPassword = await hashPassword(DEMO_PASSWORD);
  const [alice, bob, carol] = await Promise.all(
    DEMO_USERS.map((user) =>
      db.user.upsert({
        where: { email: user.email },
        update: {},
        create: { ...user, hashedPassword, emailVerified: new Date() },
        select: { id: true },
      }),
    ),
  );
  if (!alice || !bob || !carol) throw new Error("seed: demo users were not created");

  const existing = await db.conversation.count({ where: { users: { some: { id: alice.id } } } });
  if (existing === 0) {
    const start = Date.now() - 60 * 60 * 1000;
    const direct = await db.conversation.create({
      data: { isGroup: false, users: { connect: [{ id: alice.id }, { id: bob.id }] } },
      select: { id: true },
    });
    const lines: [string, string][] = [
      [alice.id, "Hi Bob! Welcome to Parley."],
      [bob.id, "Hey Alice, this is fast."],
      [alice.id, "Messages arrive over the Pusher protocol as soon as they are stored."],
    ];
    for (const [index, [senderId, body]] of lines.entries()) {
      const createdAt = new Date(start + index * 60_000);
      await db.message.create({
        data: { body, createdAt, conversationId: direct.id, senderId, seen: { connect: [{ id: senderId }] } },
      });
      await db.conversation.update({ where: { id: direct.id }, data: { lastMessageAt: createdAt } });
    }
    const group = await db.conversation.create({
      data: {
        name: "Weekend plans",
        isGroup: true,
        users: { connect: [{ id: alice.id }, { id: bob.id }, { id: carol.id }] },
      },
      select: { id: true },
    });
    const createdAt = new Date(start + 10 * 60_000);
    await db.message.create({
      data: { body: "Hiking on Saturday?", createdAt, conversationId: group.id, senderId: carol.id, seen: { connect: [{ id: carol.id }] } },
    });
    await db.conversation.update({ where: { id: group.id }, data: { lastMessageAt: createdAt } });
  }
  return DEMO_USERS.map((user) => ({ email: user.email, password: DEMO_PASSWORD }));
}
