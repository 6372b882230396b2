// Deleting a user or a conversation leaves no rows of theirs behind: the side models
// (UserSecurity, UserActivity, ConversationMemberState, DirectConversation) are real relations of
// User / Conversation with ON DELETE CASCADE, like the seed's Account and Message. Also: the
// migration that added the foreign keys first removes the orphans an existing install may hold.
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "@/lib/embedded/postgres/extensions";
import { afterAll, describe, expect, it, vi } from "vitest";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { hideConversation } from "@/lib/chat/members/operations";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { sendMessage } from "@/lib/chat/messages/send";
import { makeUsers, uniqueTag } from "@/tests/support/chat-fixtures";
import { db } from "@/lib/db/client";
import { readMigrations } from "@/lib/db/migrate";
import { touchActivity } from "@/lib/users/activity";

afterAll(() => db.$disconnect());

const send = (actorId: string, conversationId: string, body: string) =>
  sendMessage(actorId, conversationId, { id: newMessageId("postgresql"), body });

/** Every row that belongs to the user, by table. */
async function rowsOfUser(userId: string) {
  const [security, activity, memberStates, accounts, messages] = await Promise.all([
    db.userSecurity.count({ where: { userId } }),
    db.userActivity.count({ where: { userId } }),
    db.conversationMemberState.count({ where: { userId } }),
    db.account.count({ where: { userId } }),
    db.message.count({ where: { senderId: userId } }),
  ]);
  return { security, activity, memberStates, accounts, messages };
}

/** Every row that belongs to the conversation, by table. */
async function rowsOfConversation(conversationId: string) {
  const [memberStates, direct, messages] = await Promise.all([
    db.conversationMemberState.count({ where: { conversationId } }),
    db.directConversation.count({ where: { conversationId } }),
    db.message.count({ where: { conversationId } }),
  ]);
  return { memberStates, direct, messages };
}

/** A user with a row in every table that hangs off User, in a 1:1 and in a group. */
async function busyUser() {
  const [alice, bob, carol] = await makeUsers(3, "Cascade");
  await db.account.create({ data: { userId: alice!.id, type: "oauth", provider: "github", providerAccountId: uniqueTag() } });
  await bumpSessionVersion(alice!.id, { passwordChanged: true });
  await touchActivity(alice!.id);
  const direct = (await startDirectConversation(alice!.id, bob!.id)).conversation;
  const group = await createGroup(alice!.id, { name: "Cascade", memberIds: [bob!.id, carol!.id] });
  await send(alice!.id, direct.id, "hi bob");
  await send(bob!.id, direct.id, "hi alice");
  await send(alice!.id, group.id, "hi all");
  await hideConversation(bob!.id, direct.id);
  return { alice: alice!, bob: bob!, carol: carol!, direct, group };
}

describe("deleting a user", () => {
  it("deletes their security, activity, member states, accounts and messages, and nobody else's", async () => {
    const { alice, bob, direct, group } = await busyUser();
    expect(await rowsOfUser(alice.id)).toEqual({ security: 1, activity: 1, memberStates: 2, accounts: 1, messages: 2 });
    const bobBefore = await rowsOfUser(bob.id);

    await db.user.delete({ where: { id: alice.id } });

    expect(await rowsOfUser(alice.id)).toEqual({ security: 0, activity: 0, memberStates: 0, accounts: 0, messages: 0 });
    expect(await rowsOfUser(bob.id)).toEqual(bobBefore);
    // Their conversations stay for the other members (seed 001: membership is many-to-many).
    expect(await rowsOfConversation(direct.id)).toEqual({ memberStates: 1, direct: 1, messages: 1 });
    expect(await rowsOfConversation(group.id)).toEqual({ memberStates: 2, direct: 0, messages: 0 });
  });

  it("deletes them in bulk too (deleteMany)", async () => {
    const { alice, bob, carol } = await busyUser();
    const ids = [alice.id, bob.id, carol.id];
    await db.user.deleteMany({ where: { id: { in: ids } } });
    for (const id of ids) {
      expect(await rowsOfUser(id)).toEqual({ security: 0, activity: 0, memberStates: 0, accounts: 0, messages: 0 });
    }
  });
});

describe("deleting a conversation", () => {
  it("deletes a 1:1's member states, pair key and messages, and leaves the users", async () => {
    const { alice, bob, direct, group } = await busyUser();
    expect(await rowsOfConversation(direct.id)).toEqual({ memberStates: 2, direct: 1, messages: 2 });

    await db.conversation.delete({ where: { id: direct.id } });

    expect(await rowsOfConversation(direct.id)).toEqual({ memberStates: 0, direct: 0, messages: 0 });
    expect(await db.user.count({ where: { id: { in: [alice.id, bob.id] } } })).toBe(2);
    expect(await rowsOfConversation(group.id)).toEqual({ memberStates: 3, direct: 0, messages: 1 });
    // The pair can start a new 1:1: the old pair key went with the conversation.
    const again = await startDirectConversation(bob.id, alice.id);
    expect(again.created).toBe(true);
    expect(again.conversation.id).not.toBe(direct.id);
  });

  it("deletes a group's member states and messages", async () => {
    const { group } = await busyUser();
    expect(await rowsOfConversation(group.id)).toEqual({ memberStates: 3, direct: 0, messages: 1 });
    await db.conversation.delete({ where: { id: group.id } });
    expect(await rowsOfConversation(group.id)).toEqual({ memberStates: 0, direct: 0, messages: 0 });
  });
});

describe("foreign keys", () => {
  it("refuse side rows of a user or conversation that does not exist (P2003)", async () => {
    const [alice] = await makeUsers(1, "Fk");
    const ghost = newMessageId("postgresql");
    const conversation = await db.conversation.create({ data: { users: { connect: { id: alice!.id } } }, select: { id: true } });
    const attempts = [
      db.userSecurity.create({ data: { userId: ghost } }),
      db.userActivity.create({ data: { userId: ghost, lastActiveAt: new Date() } }),
      db.conversationMemberState.create({ data: { userId: ghost, conversationId: conversation.id } }),
      db.conversationMemberState.create({ data: { userId: alice!.id, conversationId: ghost } }),
      db.directConversation.create({ data: { pairKey: `ghost:${uniqueTag()}`, conversationId: ghost } }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ code: "P2003" });
  });
});

describe("writes for a user deleted while a session of theirs is still cached", () => {
  it("are no-ops: sign-out has no session left to end, and no activity is recorded or logged", async () => {
    const [gone] = await makeUsers(1, "Gone");
    await db.user.delete({ where: { id: gone!.id } });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(bumpSessionVersion(gone!.id)).resolves.toBe(0);
      await touchActivity(gone!.id);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    expect(await rowsOfUser(gone!.id)).toEqual({ security: 0, activity: 0, memberStates: 0, accounts: 0, messages: 0 });
  });
});

describe("the real_relations migration", () => {
  it("removes orphan rows of an existing install before adding the foreign keys", async () => {
    const migrations = readMigrations();
    const index = migrations.findIndex((m) => m.name.endsWith("_real_relations"));
    expect(index).toBeGreaterThan(0);
    const pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    try {
      for (const migration of migrations.slice(0, index)) await pglite.exec(migration.sql);
      const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;
      const [user, goneUser, conversation, goneConversation] = [id(1), id(2), id(3), id(4)];
      await pglite.exec(`
        INSERT INTO "User" ("id", "updatedAt") VALUES ('${user}', now());
        INSERT INTO "Conversation" ("id") VALUES ('${conversation}');
        INSERT INTO "UserSecurity" ("id", "userId", "updatedAt") VALUES ('${id(10)}', '${user}', now()), ('${id(11)}', '${goneUser}', now());
        INSERT INTO "UserActivity" ("id", "userId", "lastActiveAt") VALUES ('${id(20)}', '${user}', now()), ('${id(21)}', '${goneUser}', now());
        INSERT INTO "ConversationMemberState" ("id", "conversationId", "userId", "updatedAt") VALUES
          ('${id(30)}', '${conversation}', '${user}', now()),
          ('${id(31)}', '${conversation}', '${goneUser}', now()),
          ('${id(32)}', '${goneConversation}', '${user}', now());
        INSERT INTO "DirectConversation" ("id", "pairKey", "conversationId") VALUES
          ('${id(40)}', 'a:b', '${conversation}'), ('${id(41)}', 'c:d', '${goneConversation}');
      `);
      for (const migration of migrations.slice(index)) await pglite.exec(migration.sql);
      const ids = async (table: string) =>
        (await pglite.query<{ id: string }>(`SELECT "id" FROM "${table}" ORDER BY "id"`)).rows.map((row) => row.id);
      expect(await ids("UserSecurity")).toEqual([id(10)]);
      expect(await ids("UserActivity")).toEqual([id(20)]);
      expect(await ids("ConversationMemberState")).toEqual([id(30)]);
      expect(await ids("DirectConversation")).toEqual([id(40)]);
      const { rows } = await pglite.query<{ conname: string }>(
        `SELECT conname FROM pg_constraint WHERE contype = 'f' AND confdeltype = 'c' ORDER BY conname`,
      );
      expect(rows.map((row) => row.conname)).toEqual(
        expect.arrayContaining([
          "ConversationMemberState_conversationId_fkey",
          "ConversationMemberState_userId_fkey",
          "DirectConversation_conversationId_fkey",
          "UserActivity_userId_fkey",
          "UserSecurity_userId_fkey",
        ]),
      );
    } finally {
      await pglite.close();
    }
  }, 60_000);
});
