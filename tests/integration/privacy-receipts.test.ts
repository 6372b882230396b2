// Read receipts off (issue 15, lib/chat/receipts/privacy.ts), on the real database: in a 1:1 where
// either person turned read receipts off, neither sees the other's reads — in history pages (seenBy),
// send answers, the message info panel, the chat summary's flag, and no `message:seen` event goes
// out — while my own read still clears my unread count and delivered ticks work both ways. Groups
// always show reads (WhatsApp's rule).
import { afterAll, describe, expect, it } from "vitest";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation } from "@/lib/chat/conversations/reads";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { getPrivacy, setPrivacy } from "@/lib/chat/privacy/operations";
import { receiptStatus } from "@/lib/chat/receipts/dto";
import { markDelivered, markSeen } from "@/lib/chat/receipts/operations";
import { messageInfo } from "@/lib/chat/receipts/reads";
import { db } from "@/lib/db/client";
import { userChannel } from "@/lib/realtime/channels";
import { EVENTS } from "@/lib/realtime/events";
import { makeUsers } from "@/tests/support/chat-fixtures";

afterAll(() => db.$disconnect());

const id = () => newMessageId("postgresql");
const send = async (from: string, conversationId: string, body: string) =>
  (await sendMessage(from, conversationId, { id: id(), body })).message;
const seenIds = async (readerId: string, conversationId: string, messageId: string) =>
  (await listMessages(readerId, conversationId)).messages
    .find((m) => m.id === messageId)!
    .seenBy.map((u) => u.id)
    .sort();

async function pair() {
  const [ana, ben] = await makeUsers(2, "Rcpt");
  const { conversation } = await startDirectConversation(ana!.id, ben!.id);
  return { ana: ana!, ben: ben!, chatId: conversation.id };
}

describe("read receipts off", () => {
  it("defaults to on, and is saved and validated like the other privacy settings", async () => {
    const [me] = await makeUsers(1, "RcptSet");
    expect(await getPrivacy(me!.id)).toMatchObject({ readReceipts: true, groupAdd: "everyone" });
    expect(await setPrivacy(me!.id, { readReceipts: false })).toMatchObject({ readReceipts: false, lastSeen: "everyone" });
    expect((await getPrivacy(me!.id)).readReceipts).toBe(false);
    await expect(setPrivacy(me!.id, { readReceipts: "no" })).rejects.toMatchObject({ status: 400 });
  });

  it("a change is told to the other person and to my own tabs (privacy:changed), so both UIs follow live", async () => {
    const { ana, ben } = await pair();
    const changed = await setPrivacy.run(ben.id, { readReceipts: false });
    const channels = changed.events.flatMap((e) => [e.channels].flat());
    expect(changed.events.every((e) => e.event === EVENTS.privacyChanged)).toBe(true);
    expect(channels.sort()).toEqual([userChannel(ana.id), userChannel(ben.id)].sort());
    // Another setting's change is not told to my own tabs.
    const other = await setPrivacy.run(ben.id, { about: "contacts" });
    expect(other.events.flatMap((e) => [e.channels].flat())).toEqual([userChannel(ana.id)]);
  });

  it("my reads are not shown to the other person in API reads nor as an event, but my unread count clears", async () => {
    const { ana, ben, chatId } = await pair();
    await setPrivacy(ben.id, { readReceipts: false });
    const hello = await send(ana.id, chatId, "hello");
    await markDelivered(ben.id, { items: [{ conversationId: chatId, upTo: hello.id }] });

    const seen = await markSeen.run(ben.id, chatId, { messageId: hello.id });
    expect(seen.result).toEqual({ seenCount: 1, unreadCount: 0 });
    // No read on the chat's channel: the read is told only as the delivery it implies, and my list update.
    expect(seen.events.map((e) => e.event)).toEqual([EVENTS.messageDelivered, EVENTS.conversationUpdate]);
    expect(seen.events[0]!.payload).toEqual({
      conversationId: chatId,
      userId: ben.id,
      upTo: { id: hello.id, createdAt: expect.any(String) },
    });
    expect(JSON.stringify(seen.events)).not.toContain("readAt");
    expect((await getConversation(ben.id, chatId)).unreadCount).toBe(0);

    // Ana sees it delivered, not read, everywhere.
    expect(await seenIds(ana.id, chatId, hello.id)).toEqual([ana.id]);
    const page = await listMessages(ana.id, chatId);
    expect(
      receiptStatus(
        page.messages.find((m) => m.id === hello.id)!,
        [ana.id, ben.id],
      ),
    ).toBe("delivered");
    const info = await messageInfo(ana.id, chatId, { messageId: hello.id });
    expect(info.members).toEqual([expect.objectContaining({ read: false, readAt: null, deliveredAt: expect.any(String) })]);
    expect((await getConversation(ana.id, chatId)).readsHidden).toBe(true);
    // Ben's own read stays his (his divider / needs-seen logic).
    expect(await seenIds(ben.id, chatId, hello.id)).toEqual([ana.id, ben.id].sort());
  });

  it("with mine off I do not see the other's reads, in reads or events; delivered still shows", async () => {
    const { ana, ben, chatId } = await pair();
    await setPrivacy(ben.id, { readReceipts: false });
    const mine = await send(ben.id, chatId, "from ben");
    await markDelivered(ana.id, { items: [{ conversationId: chatId, upTo: mine.id }] });
    const seen = await markSeen.run(ana.id, chatId, { messageId: mine.id });
    expect(seen.events.map((e) => e.event)).not.toContain(EVENTS.messageSeen);

    expect(await seenIds(ben.id, chatId, mine.id)).toEqual([ben.id]);
    const page = await listMessages(ben.id, chatId);
    expect(page.messages[0]!.deliveredTo).toEqual([ana.id]);
    expect(receiptStatus(page.messages[0]!, [ana.id, ben.id])).toBe("delivered");
    expect((await messageInfo(ben.id, chatId, { messageId: mine.id })).members[0]).toMatchObject({ read: false, readAt: null });
    expect((await getConversation(ben.id, chatId)).readsHidden).toBe(true);
    // The around-a-hit page (search jump) applies the same rule.
    expect((await listMessages(ben.id, chatId, { around: mine.id })).messages[0]!.seenBy.map((u) => u.id)).toEqual([ben.id]);
  });

  it("a send retry answered with the stored message leaves the other's read out too", async () => {
    const { ana, ben, chatId } = await pair();
    await setPrivacy(ben.id, { readReceipts: false });
    const messageId = id();
    await sendMessage(ben.id, chatId, { id: messageId, body: "once" });
    await markSeen(ana.id, chatId, { messageId });
    const retry = await sendMessage(ben.id, chatId, { id: messageId, body: "once" });
    expect(retry.message.seenBy.map((u) => u.id)).toEqual([ben.id]);
  });

  it("turned back on, reads show again and `message:seen` goes out again", async () => {
    const { ana, ben, chatId } = await pair();
    await setPrivacy(ben.id, { readReceipts: false });
    await setPrivacy(ben.id, { readReceipts: true });
    const hello = await send(ana.id, chatId, "hello again");
    const seen = await markSeen.run(ben.id, chatId, { messageId: hello.id });
    expect(seen.events.map((e) => e.event)).toContain(EVENTS.messageSeen);
    expect(await seenIds(ana.id, chatId, hello.id)).toEqual([ana.id, ben.id].sort());
    expect((await getConversation(ana.id, chatId)).readsHidden).toBeUndefined();
  });

  it("groups always show reads, whatever the setting (WhatsApp's rule)", async () => {
    const [ana, ben, cleo] = await makeUsers(3, "RcptGrp");
    await setPrivacy(ben!.id, { readReceipts: false });
    const group = await createGroup(ana!.id, { name: "Reads", memberIds: [ben!.id, cleo!.id] });
    const hello = await send(ana!.id, group.id, "group hello");
    const seen = await markSeen.run(ben!.id, group.id, { messageId: hello.id });
    expect(seen.events.map((e) => e.event)).toContain(EVENTS.messageSeen);
    expect(await seenIds(ana!.id, group.id, hello.id)).toEqual([ana!.id, ben!.id].sort());
    expect((await getConversation(ana!.id, group.id)).readsHidden).toBeUndefined();
  });
});
