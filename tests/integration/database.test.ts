// The data layer on the real database: relation fields only (the same code runs on MongoDB).
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-factory";

const db = createPrismaClient({ poolSize: 2 });
afterAll(() => db.$disconnect());

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

describe("data model", () => {
  it("stores conversations, messages and seen receipts through relation fields", async () => {
    const [a, b] = await Promise.all(
      ["a", "b"].map((n) => db.user.create({ data: { name: n, email: `${n}-${unique()}@t.test` }, select: { id: true } })),
    );
    const conversation = await db.conversation.create({
      data: { users: { connect: [{ id: a!.id }, { id: b!.id }] } },
      select: { id: true },
    });
    const message = await db.message.create({
      data: { body: "hello", conversationId: conversation.id, senderId: a!.id, seen: { connect: { id: a!.id } } },
      select: { id: true },
    });
    await db.message.update({ where: { id: message.id }, data: { seen: { connect: { id: b!.id } } } });
    const loaded = await db.conversation.findFirst({
      where: { id: conversation.id, users: { some: { id: b!.id } } },
      select: {
        users: { select: { id: true } },
        messages: { select: { body: true, seen: { select: { id: true } } } },
        _count: { select: { messages: { where: { seen: { none: { id: b!.id } } } } } },
      },
    });
    expect(loaded?.users.map((u) => u.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(loaded?.messages[0]?.seen.map((u) => u.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(loaded?._count.messages).toBe(0);
  });

  it("deletes a user's accounts and sent messages with the user (cascade)", async () => {
    const user = await db.user.create({
      data: {
        email: `c-${unique()}@t.test`,
        accounts: { create: { type: "oauth", provider: "github", providerAccountId: unique() } },
      },
      select: { id: true },
    });
    const conversation = await db.conversation.create({ data: { users: { connect: { id: user.id } } } });
    await db.message.create({ data: { body: "x", conversationId: conversation.id, senderId: user.id } });
    await db.user.delete({ where: { id: user.id } });
    expect(await db.account.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.message.count({ where: { senderId: user.id } })).toBe(0);
  });

  it("refuses a second account with the same provider pair", async () => {
    const user = await db.user.create({ data: { email: `d-${unique()}@t.test` }, select: { id: true } });
    const providerAccountId = unique();
    await db.account.create({ data: { userId: user.id, type: "oauth", provider: "github", providerAccountId } });
    await expect(
      db.account.create({ data: { userId: user.id, type: "oauth", provider: "github", providerAccountId } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});
