// Mentions (lib/chat/mentions): stored as <@userId> tokens in the body plus MessageMention rows
// written by the send; only members can be mentioned (400 otherwise, nothing stored); the list
// counts my unread mentions per conversation until I have seen them; search does not match ids and
// its snippets show names.
import { afterAll, describe, expect, it } from "vitest";
import { createGroup } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { mentionToken } from "@/lib/chat/mentions/tokens";
import { editMessage } from "@/lib/chat/message-actions/operations";
import { sendMessage } from "@/lib/chat/messages/send";
import { searchMessages } from "@/lib/chat/search/reads";
import { markSeen } from "@/lib/chat/receipts/operations";
import { db } from "@/lib/db/client";
import { makeUsers } from "@/tests/support/chat-fixtures";

afterAll(() => db.$disconnect());

const id = () => newMessageId("postgresql");

describe("mentions", () => {
  it("are stored as tokens and rows, counted as my unread mentions in the list until seen", async () => {
    const [alice, bob, carol] = await makeUsers(3, "Mention");
    const group = await createGroup(alice!.id, { name: "Mentions", memberIds: [bob!.id, carol!.id] });
    const { message } = await sendMessage(alice!.id, group.id, { id: id(), body: `hey ${mentionToken(bob!.id)}, look` });
    expect(message.body).toBe(`hey <@${bob!.id}>, look`);
    await sendMessage(alice!.id, group.id, { id: id(), body: `and you ${mentionToken(bob!.id)} ${mentionToken(alice!.id)}` });
    const plain = await sendMessage(carol!.id, group.id, { id: id(), body: "no mention" });

    expect(await db.messageMention.count({ where: { conversationId: group.id } })).toBe(2); // the sender's self-mention is not stored
    expect((await getConversation(bob!.id, group.id)).mentionCount).toBe(2);
    expect((await getConversation(carol!.id, group.id)).mentionCount).toBe(0);
    const list = await listConversations(bob!.id);
    expect(list.conversations.find((c) => c.id === group.id)?.mentionCount).toBe(2);

    await markSeen(bob!.id, group.id, { messageId: plain.message.id });
    expect((await getConversation(bob!.id, group.id)).mentionCount).toBe(0);

    // The stored searchText leaves the token out: searching an id finds nothing.
    const row = await db.message.findUnique({ where: { id: message.id }, select: { searchText: true } });
    expect(row?.searchText).not.toContain(bob!.id);
  });

  it("of a non-member are refused (400) and nothing is stored", async () => {
    const [alice, bob, carol, mallory] = await makeUsers(4, "MentionDeny");
    const group = await createGroup(alice!.id, { name: "Mention deny", memberIds: [bob!.id, carol!.id] });
    const messageId = id();
    await expect(sendMessage(alice!.id, group.id, { id: messageId, body: `psst ${mentionToken(mallory!.id)}` })).rejects.toMatchObject({
      code: "bad_request",
      fields: { body: [expect.stringContaining("not a member")] },
    });
    expect(await db.message.count({ where: { id: messageId } })).toBe(0);
    expect(await db.messageMention.count({ where: { userId: mallory!.id } })).toBe(0);
  });

  it("show as the member's current name in search snippets, never as a token", async () => {
    const [alice, bob, carol] = await makeUsers(3, "MentionSearch");
    const group = await createGroup(alice!.id, { name: "Mention search", memberIds: [bob!.id, carol!.id] });
    const word = `zebra${Date.now().toString(36)}`;
    await sendMessage(alice!.id, group.id, { id: id(), body: `${mentionToken(bob!.id)} see the ${word}` });
    await db.user.update({ where: { id: bob!.id }, data: { name: "Robert Renamed" } });
    const [hit] = (await searchMessages(carol!.id, { q: word })).hits;
    const text = hit!.snippet.map((segment) => segment.text).join("");
    expect(text).toBe(`@Robert Renamed see the ${word}`);
    expect(text).not.toContain(bob!.id);
  });

  it("follow an edit: a non-member is refused there too, and the rows match the new text", async () => {
    const [alice, bob, carol, mallory] = await makeUsers(4, "MentionEdit");
    const group = await createGroup(alice!.id, { name: "Mention edit", memberIds: [bob!.id, carol!.id] });
    const { message } = await sendMessage(alice!.id, group.id, { id: id(), body: `hi ${mentionToken(bob!.id)}` });
    await expect(editMessage(alice!.id, message.id, { body: `hi ${mentionToken(mallory!.id)}` })).rejects.toMatchObject({
      code: "bad_request",
    });
    expect((await db.message.findUnique({ where: { id: message.id }, select: { body: true } }))?.body).toBe(`hi ${mentionToken(bob!.id)}`);

    await editMessage(alice!.id, message.id, { body: `hi ${mentionToken(carol!.id)} zz` });
    const rows = await db.messageMention.findMany({ where: { messageId: message.id }, select: { userId: true } });
    expect(rows.map((row) => row.userId)).toEqual([carol!.id]);
    expect((await getConversation(bob!.id, group.id)).mentionCount).toBe(0);
    expect((await getConversation(carol!.id, group.id)).mentionCount).toBe(1);
    const row = await db.message.findUnique({ where: { id: message.id }, select: { searchText: true } });
    expect(row?.searchText).not.toContain(carol!.id);
  });

  it("go with their message (cascade)", async () => {
    const [alice, bob, carol] = await makeUsers(3, "MentionCascade");
    const group = await createGroup(alice!.id, { name: "Mention cascade", memberIds: [bob!.id, carol!.id] });
    const { message } = await sendMessage(alice!.id, group.id, { id: id(), body: `hi ${mentionToken(bob!.id)}` });
    await db.message.delete({ where: { id: message.id } });
    expect(await db.messageMention.count({ where: { messageId: message.id } })).toBe(0);
  });
});
