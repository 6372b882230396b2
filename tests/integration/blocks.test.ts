// Blocking (issue 15, lib/chat/blocks/), on the real database: once I block someone they cannot
// message me in our 1:1 (a neutral refusal, the same whoever blocked whom), start a 1:1 with me,
// put me in a group or find me by search; I cannot either until I unblock; in a group we share
// both still send. Unblocking restores everything.
import { afterAll, describe, expect, it } from "vitest";
import { NOT_SENT_MESSAGE, isBlockedByMe, setBlocked } from "@/lib/chat/blocks/operations";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { sendMessage } from "@/lib/chat/messages/send";
import { searchUsers } from "@/lib/chat/people/search";
import { db } from "@/lib/db/client";
import { makeUsers } from "@/tests/support/chat-fixtures";

afterAll(() => db.$disconnect());

const id = () => newMessageId("postgresql");
const found = async (actorId: string, query: string) => (await searchUsers(actorId, { query })).map((u) => u.id);

async function trio() {
  const [me, them, other] = await makeUsers(3, "Block");
  const { conversation } = await startDirectConversation(me!.id, them!.id);
  return { me: me!, them: them!, other: other!, directId: conversation.id };
}

describe("blocking", () => {
  it("stops both sends in our 1:1 with one neutral message, and unblocking restores them", async () => {
    const { me, them, directId } = await trio();
    await sendMessage(them.id, directId, { id: id(), body: "before" });
    expect(await setBlocked(me.id, { userId: them.id, blocked: true })).toEqual({ userId: them.id, blocked: true });
    expect(await isBlockedByMe(me.id, them.id)).toBe(true);
    expect(await isBlockedByMe(them.id, me.id)).toBe(false);
    const refused = { code: "forbidden", status: 403, message: NOT_SENT_MESSAGE };
    await expect(sendMessage(them.id, directId, { id: id(), body: "let me in" })).rejects.toMatchObject(refused);
    await expect(sendMessage(me.id, directId, { id: id(), body: "from the blocker" })).rejects.toMatchObject(refused);
    // The message says nothing about blocking.
    expect(NOT_SENT_MESSAGE).not.toMatch(/block/i);
    expect(await db.message.count({ where: { conversationId: directId } })).toBe(1);

    expect(await setBlocked(me.id, { userId: them.id, blocked: false })).toEqual({ userId: them.id, blocked: false });
    await sendMessage(them.id, directId, { id: id(), body: "after" });
    await sendMessage(me.id, directId, { id: id(), body: "welcome back" });
    expect(await db.message.count({ where: { conversationId: directId } })).toBe(3);
  });

  it("shows my 1:1 as blocked to me, and hides my photo and last activity from the one I blocked, in every chat", async () => {
    const { me, them, other, directId } = await trio();
    await db.user.update({ where: { id: me.id }, data: { image: "/api/uploads/avatar-of-me.webp" } });
    await db.userActivity.create({ data: { userId: me.id, lastActiveAt: new Date() } });
    const group = await createGroup(other.id, { name: "Both in it", memberIds: [me.id, them.id] });
    const meAsSeenBy = async (viewerId: string, conversationId: string) =>
      (await getConversation(viewerId, conversationId)).members.find((m) => m.id === me.id)!;
    expect((await meAsSeenBy(them.id, directId)).image).toBe("/api/uploads/avatar-of-me.webp");
    expect((await getConversation(me.id, directId)).blockedByMe).toBe(false);

    await setBlocked(me.id, { userId: them.id, blocked: true });
    expect((await getConversation(me.id, directId)).blockedByMe).toBe(true);
    expect((await listConversations(me.id)).conversations.find((c) => c.id === directId)?.blockedByMe).toBe(true);
    // The blocked user is not told: their summary says nothing of it, and shows no photo or activity of mine.
    expect((await getConversation(them.id, directId)).blockedByMe).toBe(false);
    for (const conversationId of [directId, group.id]) {
      expect(await meAsSeenBy(them.id, conversationId)).toMatchObject({ image: null, lastActiveAt: null });
      expect((await meAsSeenBy(other.id, conversationId === directId ? group.id : conversationId)).image).toBe(
        "/api/uploads/avatar-of-me.webp",
      );
    }
    expect((await getConversation(me.id, group.id)).blockedByMe).toBeUndefined();

    await setBlocked(me.id, { userId: them.id, blocked: false });
    expect((await meAsSeenBy(them.id, directId)).lastActiveAt).not.toBeNull();
    expect((await getConversation(me.id, directId)).blockedByMe).toBe(false);
  });

  it("keeps both members of a group we share, and both still send there", async () => {
    const { me, them, other } = await trio();
    const group = await createGroup(me.id, { name: "Shared", memberIds: [them.id, other.id] });
    await setBlocked(me.id, { userId: them.id, blocked: true });
    await sendMessage(them.id, group.id, { id: id(), body: "in the group" });
    await sendMessage(me.id, group.id, { id: id(), body: "me too" });
    const members = await db.conversation.findUniqueOrThrow({ where: { id: group.id }, select: { users: { select: { id: true } } } });
    expect(members.users.map((u) => u.id).sort()).toEqual([me.id, them.id, other.id].sort());
  });

  it("lets neither start a 1:1 nor create a group with the other, whoever blocked", async () => {
    const [me, them, other] = await makeUsers(3, "Reach");
    await setBlocked(me!.id, { userId: them!.id, blocked: true });
    await expect(startDirectConversation(them!.id, me!.id)).rejects.toMatchObject({ code: "not_found", message: "User not found." });
    await expect(startDirectConversation(me!.id, them!.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(createGroup(them!.id, { name: "Sneaky", memberIds: [me!.id, other!.id] })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(createGroup(me!.id, { name: "Mine", memberIds: [them!.id, other!.id] })).rejects.toMatchObject({
      code: "bad_request",
    });
    // Others are not affected.
    await createGroup(them!.id, { name: "Fine", memberIds: [other!.id, (await makeUsers(1, "Extra"))[0]!.id] });
    await setBlocked(me!.id, { userId: them!.id, blocked: false });
    await startDirectConversation(them!.id, me!.id);
  });

  it("hides each from the other's people search, and unblocking shows them again", async () => {
    const { me, them } = await trio();
    const myName = me.name!.slice(0, -3);
    const theirName = them.name!.slice(0, -3);
    expect(await found(them.id, myName)).toContain(me.id);
    await setBlocked(me.id, { userId: them.id, blocked: true });
    expect(await found(them.id, myName)).not.toContain(me.id);
    expect(await found(me.id, theirName)).not.toContain(them.id);
    await setBlocked(me.id, { userId: them.id, blocked: false });
    expect(await found(them.id, myName)).toContain(me.id);
  });

  it("is idempotent, refuses myself, unknown or deleted users and bad input, and cascades with a user", async () => {
    const { me, them } = await trio();
    await setBlocked(me.id, { userId: them.id, blocked: true });
    await setBlocked(me.id, { userId: them.id, blocked: true });
    expect(await db.block.count({ where: { blockerId: me.id } })).toBe(1);
    await setBlocked(me.id, { userId: them.id, blocked: false });
    await setBlocked(me.id, { userId: them.id, blocked: false });
    expect(await db.block.count({ where: { blockerId: me.id } })).toBe(0);

    await expect(setBlocked(me.id, { userId: me.id, blocked: true })).rejects.toMatchObject({ code: "bad_request" });
    await expect(setBlocked(me.id, { userId: newMessageId("postgresql"), blocked: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(setBlocked(me.id, { userId: "nope", blocked: true })).rejects.toMatchObject({ code: "bad_request" });
    await expect(setBlocked(me.id, { userId: them.id, blocked: "yes" })).rejects.toMatchObject({ code: "bad_request" });
    const [deleted] = await makeUsers(1, "Gone");
    await db.user.update({ where: { id: deleted!.id }, data: { deletedAt: new Date() } });
    await expect(setBlocked(me.id, { userId: deleted!.id, blocked: true })).rejects.toMatchObject({ code: "not_found" });

    // Either user's row going away takes the block with it.
    await setBlocked(me.id, { userId: them.id, blocked: true });
    await setBlocked(them.id, { userId: me.id, blocked: true });
    await db.user.delete({ where: { id: them.id } });
    expect(await db.block.count({ where: { OR: [{ blockerId: them.id }, { blockedId: them.id }] } })).toBe(0);
  });
});
