// Conversations on the real database: 1:1 (deduplicated, also under races), groups and roles,
// the list (order, members, previews, keyset pages), leave / hide semantics, and denials.
import { afterAll, describe, expect, it } from "vitest";
import { createGroup, pairKeyOf, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { hideConversation, leaveGroup, removeConversationForMe } from "@/lib/chat/members/operations";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { db } from "@/lib/db/client";

afterAll(() => db.$disconnect());

const send = (actorId: string, conversationId: string, body: string) =>
  sendMessage(actorId, conversationId, { id: newMessageId("postgresql"), body });

describe("startDirectConversation", () => {
  it("creates one conversation per pair and returns it to either side afterwards", async () => {
    const [alice, bob] = await makeUsers(2, "Direct");
    const first = await startDirectConversation(alice!.id, bob!.id);
    expect(first.created).toBe(true);
    expect(first.conversation).toMatchObject({ isGroup: false, name: null, myRole: "member", unreadCount: 0, lastMessage: null });
    expect(first.conversation.members.map((m) => m.id).sort()).toEqual([alice!.id, bob!.id].sort());
    for (const member of first.conversation.members)
      expect(Object.keys(member).sort()).toEqual(["id", "image", "lastActiveAt", "name", "role"]);
    const again = await startDirectConversation(bob!.id, alice!.id);
    expect(again).toMatchObject({ created: false, conversation: { id: first.conversation.id } });
  });

  it("converges on one conversation when 10 requests race", async () => {
    const [alice, bob] = await makeUsers(2, "Race");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => startDirectConversation(i % 2 ? alice!.id : bob!.id, i % 2 ? bob!.id : alice!.id)),
    );
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const between = await db.conversation.count({
      where: { AND: [{ users: { some: { id: alice!.id } } }, { users: { some: { id: bob!.id } } }] },
    });
    expect(between).toBe(1);
    expect(await db.directConversation.count({ where: { pairKey: pairKeyOf(alice!.id, bob!.id) } })).toBe(1);
  });

  it("adopts an existing 1:1 made without the pair key (seed data)", async () => {
    const [alice, bob] = await makeUsers(2, "Legacy");
    const legacy = await db.conversation.create({
      data: { isGroup: false, users: { connect: [{ id: alice!.id }, { id: bob!.id }] } },
      select: { id: true },
    });
    const result = await startDirectConversation(bob!.id, alice!.id);
    expect(result).toMatchObject({ created: false, conversation: { id: legacy.id } });
  });

  it("refuses myself (400), unknown users (404) and malformed ids (404)", async () => {
    const [alice] = await makeUsers(1, "Lonely");
    await expect(startDirectConversation(alice!.id, alice!.id)).rejects.toMatchObject({ code: "bad_request" });
    await expect(startDirectConversation(alice!.id, newMessageId("postgresql"))).rejects.toMatchObject({ code: "not_found" });
    await expect(startDirectConversation(alice!.id, "robert'); drop table")).rejects.toMatchObject({
      code: "bad_request",
      fields: { userId: ["must be a valid id"] },
    });
  });
});

describe("createGroup", () => {
  it("creates a group with me as admin and the others as members", async () => {
    const [alice, bob, carol] = await makeUsers(3, "Group");
    const group = await createGroup(alice!.id, { name: "  Trip  ", memberIds: [bob!.id, carol!.id, bob!.id, alice!.id] });
    expect(group).toMatchObject({ name: "Trip", isGroup: true, myRole: "admin" });
    const roles = Object.fromEntries(group.members.map((m) => [m.id, m.role]));
    expect(roles).toEqual({ [alice!.id]: "admin", [bob!.id]: "member", [carol!.id]: "member" });
    expect((await getConversation(bob!.id, group.id)).myRole).toBe("member");
  });

  it("needs a name and at least two other existing people", async () => {
    const [alice, bob, carol] = await makeUsers(3, "BadGroup");
    const cases = [
      { name: "", memberIds: [bob!.id, carol!.id] },
      { name: "x".repeat(81), memberIds: [bob!.id, carol!.id] },
      { name: "two", memberIds: [bob!.id] },
      { name: "self", memberIds: [bob!.id, alice!.id] },
      { name: "ghost", memberIds: [bob!.id, newMessageId("postgresql")] },
      { name: "bad", memberIds: [bob!.id, "nope"] },
      { name: "huge", memberIds: Array.from({ length: 50 }, () => newMessageId("postgresql")) },
    ];
    for (const input of cases) {
      await expect(createGroup(alice!.id, input)).rejects.toMatchObject({ code: "bad_request", status: 400 });
    }
  });
});

describe("listConversations", () => {
  it("lists only my conversations, newest activity first, with previews, keyset-paginated", async () => {
    const [me, a, b, c, stranger] = await makeUsers(5, "List");
    const withA = (await startDirectConversation(me!.id, a!.id)).conversation;
    const withB = (await startDirectConversation(b!.id, me!.id)).conversation;
    const group = await createGroup(c!.id, { name: "Club", memberIds: [me!.id, a!.id] });
    await startDirectConversation(stranger!.id, a!.id);
    await send(a!.id, withA.id, "latest from a");

    const all = await listConversations(me!.id);
    expect(all.conversations.map((x) => x.id)).toEqual([withA.id, group.id, withB.id]);
    expect(all.nextCursor).toBeNull();
    expect(all.conversations[0]).toMatchObject({ unreadCount: 1, lastMessage: { body: "latest from a", senderId: a!.id } });

    const first = await listConversations(me!.id, { limit: 2 });
    expect(first.conversations.map((x) => x.id)).toEqual([withA.id, group.id]);
    const second = await listConversations(me!.id, { limit: 2, cursor: first.nextCursor! });
    expect(second.conversations.map((x) => x.id)).toEqual([withB.id]);
    expect(second.nextCursor).toBeNull();

    await expect(listConversations(me!.id, { cursor: "%%%" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(listConversations(me!.id, { limit: 500 })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("truncates long previews and never exposes emails", async () => {
    const [me, a] = await makeUsers(2, "Preview");
    const { conversation } = await startDirectConversation(me!.id, a!.id);
    await send(a!.id, conversation.id, "y".repeat(500));
    const [summary] = (await listConversations(me!.id)).conversations;
    expect(summary!.lastMessage!.body!.length).toBeLessThanOrEqual(120);
    expect(JSON.stringify(summary)).not.toContain("@chat.test");
  });
});

describe("denials", () => {
  it("answers 404 to a non-member for every conversation operation", async () => {
    const [alice, bob, mallory] = await makeUsers(3, "Deny");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const group = await createGroup(alice!.id, { name: "private", memberIds: [bob!.id, (await makeUsers(1, "X"))[0]!.id] });
    for (const id of [conversation.id, group.id]) {
      await expect(getConversation(mallory!.id, id)).rejects.toMatchObject({ code: "not_found", status: 404 });
      await expect(listMessages(mallory!.id, id)).rejects.toMatchObject({ code: "not_found" });
      await expect(removeConversationForMe(mallory!.id, id)).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(leaveGroup(mallory!.id, group.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(hideConversation(mallory!.id, conversation.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listConversations(mallory!.id)).conversations).toEqual([]);
  });
});

describe("leave and hide", () => {
  it("leaving a group removes only me; my messages stay for the others; the admin role passes on", async () => {
    const [alice, bob, carol] = await makeUsers(3, "Leave");
    const group = await createGroup(alice!.id, { name: "g", memberIds: [bob!.id, carol!.id] });
    await send(alice!.id, group.id, "from alice");
    expect(await leaveGroup(alice!.id, group.id)).toEqual({ result: "left" });
    await expect(getConversation(alice!.id, group.id)).rejects.toMatchObject({ code: "not_found" });
    const seenByBob = await getConversation(bob!.id, group.id);
    expect(seenByBob.members.map((m) => m.id).sort()).toEqual([bob!.id, carol!.id].sort());
    expect(seenByBob.members.filter((m) => m.role === "admin")).toHaveLength(1);
    // Newest first: the group notice "Alice left" (issue 15, lib/chat/group-admin), then her message.
    expect((await listMessages(carol!.id, group.id)).messages.map((m) => m.body ?? m.system?.kind)).toEqual(["left", "from alice"]);
    await expect(send(alice!.id, group.id, "ghost")).rejects.toMatchObject({ code: "not_found" });
  });

  it("deletes the group when its last member leaves", async () => {
    const [alice, bob, carol] = await makeUsers(3, "Last");
    const group = await createGroup(alice!.id, { name: "g", memberIds: [bob!.id, carol!.id] });
    await send(bob!.id, group.id, "hi");
    for (const user of [alice!, bob!]) expect(await removeConversationForMe(user.id, group.id)).toEqual({ result: "left" });
    expect(await db.conversation.count({ where: { id: group.id } })).toBe(1);
    await leaveGroup(carol!.id, group.id);
    expect(await db.conversation.count({ where: { id: group.id } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: group.id } })).toBe(0);
    expect(await db.conversationMemberState.count({ where: { conversationId: group.id } })).toBe(0);
  });

  it("hides a 1:1 for me only; a new message brings it back with only the newer history", async () => {
    const [alice, bob] = await makeUsers(2, "Hide");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    await send(bob!.id, conversation.id, "old 1");
    await send(bob!.id, conversation.id, "old 2");
    await expect(leaveGroup(alice!.id, conversation.id)).rejects.toMatchObject({ code: "bad_request" });
    expect(await removeConversationForMe(alice!.id, conversation.id)).toEqual({ result: "hidden" });

    expect((await listConversations(alice!.id)).conversations).toEqual([]);
    expect((await listConversations(bob!.id)).conversations.map((c) => c.id)).toEqual([conversation.id]);
    expect((await listMessages(bob!.id, conversation.id)).messages).toHaveLength(2);
    expect((await listMessages(alice!.id, conversation.id)).messages).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await send(bob!.id, conversation.id, "new");
    const [back] = (await listConversations(alice!.id)).conversations;
    expect(back).toMatchObject({ id: conversation.id, unreadCount: 1, lastMessage: { body: "new" } });
    expect((await listMessages(alice!.id, conversation.id)).messages.map((m) => m.body)).toEqual(["new"]);
    expect((await listMessages(bob!.id, conversation.id)).messages).toHaveLength(3);
  });

  it("starting the chat again un-hides it without restoring the hidden history", async () => {
    const [alice, bob] = await makeUsers(2, "Rehide");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    await send(bob!.id, conversation.id, "before");
    await hideConversation(alice!.id, conversation.id);
    const again = await startDirectConversation(alice!.id, bob!.id);
    expect(again).toMatchObject({ created: false, conversation: { id: conversation.id, lastMessage: null, unreadCount: 0 } });
    expect((await listConversations(alice!.id)).conversations.map((c) => c.id)).toEqual([conversation.id]);
    expect((await listMessages(alice!.id, conversation.id)).messages).toEqual([]);
  });
});
