// Delivery receipts and the message info panel (lib/chat/receipts): batched delivery reports
// (ignored for chats I am not in), the history page's receipt state, read times written with
// "seen", the one event per conversation per report on a real realtime server, cascades.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { receiptStatus } from "@/lib/chat/receipts/dto";
import { markDelivered, markSeen } from "@/lib/chat/receipts/operations";
import { messageInfo } from "@/lib/chat/receipts/reads";
import { db } from "@/lib/db/client";
import { RECEIPT_REPORTS_PER_WINDOW, assertReceiptReportAllowed } from "@/lib/rate-limit/send-limit";
import { conversationChannel } from "@/lib/realtime/channels";
import { EVENTS, parseEvent } from "@/lib/realtime/events";
import { appRealtimeClients, subscribe } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(() => db.$disconnect());

const id = () => newMessageId("postgresql");
const send = async (from: string, conversationId: string, body: string) =>
  (await sendMessage(from, conversationId, { id: id(), body })).message;

describe("delivery receipts", () => {
  it("mark every message of the others up to the one named as delivered to me, once, and the history says so", async () => {
    const [alice, bob] = await makeUsers(2, "Deliv");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const first = await send(alice!.id, conversation.id, "one");
    const second = await send(alice!.id, conversation.id, "two");
    const mine = await send(bob!.id, conversation.id, "bob's own");
    const later = await send(alice!.id, conversation.id, "three");

    const members = [alice!.id, bob!.id];
    let page = await listMessages(alice!.id, conversation.id);
    expect(page.messages.every((m) => m.deliveredTo.length === 0)).toBe(true);
    expect(
      receiptStatus(
        page.messages.find((m) => m.id === first.id)!,
        members,
      ),
    ).toBe("sent");

    // Bob's client holds everything up to `mine`: first and second are delivered, his own is not a receipt.
    expect(await markDelivered(bob!.id, { items: [{ conversationId: conversation.id, upTo: mine.id }] })).toEqual({ delivered: 2 });
    // Reported again (another tab): nothing new.
    expect(await markDelivered(bob!.id, { items: [{ conversationId: conversation.id, upTo: mine.id }] })).toEqual({ delivered: 0 });

    page = await listMessages(alice!.id, conversation.id);
    const byId = new Map(page.messages.map((m) => [m.id, m]));
    expect(byId.get(first.id)!.deliveredTo).toEqual([bob!.id]);
    expect(byId.get(second.id)!.deliveredTo).toEqual([bob!.id]);
    expect(byId.get(mine.id)!.deliveredTo).toEqual([]);
    expect(byId.get(later.id)!.deliveredTo).toEqual([]);
    expect(receiptStatus(byId.get(first.id)!, members)).toBe("delivered");
    expect(receiptStatus(byId.get(later.id)!, members)).toBe("sent");

    // Seen up to `second`: read (blue), and the info panel dates it.
    await markSeen(bob!.id, conversation.id, { messageId: second.id });
    page = await listMessages(alice!.id, conversation.id);
    expect(
      receiptStatus(
        page.messages.find((m) => m.id === second.id)!,
        members,
      ),
    ).toBe("read");
    const info = await messageInfo(alice!.id, conversation.id, { messageId: second.id });
    expect(info.members).toHaveLength(1);
    expect(info.members[0]!.user).toEqual({ id: bob!.id, name: bob!.name, image: null });
    expect(info.members[0]!.read).toBe(true);
    expect(info.members[0]!.deliveredAt).not.toBeNull();
    expect(info.members[0]!.readAt).not.toBeNull();
    expect(Date.parse(info.members[0]!.readAt!)).toBeGreaterThanOrEqual(Date.parse(info.members[0]!.deliveredAt!));

    // A message read without ever being reported delivered gets both times when it is seen.
    await markSeen(bob!.id, conversation.id, { messageId: later.id });
    const laterInfo = await messageInfo(alice!.id, conversation.id, { messageId: later.id });
    expect(laterInfo.members[0]).toMatchObject({ read: true });
    expect(laterInfo.members[0]!.deliveredAt).not.toBeNull();
    expect(laterInfo.members[0]!.readAt).not.toBeNull();
  });

  it("in a group: per member, delivered only when every other member has it", async () => {
    const [alice, bob, carol] = await makeUsers(3, "DelivGroup");
    const group = await createGroup(alice!.id, { name: "Receipts", memberIds: [bob!.id, carol!.id] });
    const message = await send(alice!.id, group.id, "hello both");
    const members = [alice!.id, bob!.id, carol!.id];

    await markDelivered(bob!.id, { items: [{ conversationId: group.id, upTo: message.id }] });
    let dto = (await listMessages(alice!.id, group.id)).messages.find((m) => m.id === message.id)!;
    expect(receiptStatus(dto, members)).toBe("sent");
    let info = await messageInfo(alice!.id, group.id, { messageId: message.id });
    const of = (userId: string) => info.members.find((m) => m.user.id === userId)!;
    expect(of(bob!.id).deliveredAt).not.toBeNull();
    expect(of(carol!.id)).toMatchObject({ deliveredAt: null, read: false, readAt: null });

    await markDelivered(carol!.id, { items: [{ conversationId: group.id, upTo: message.id }] });
    dto = (await listMessages(alice!.id, group.id)).messages.find((m) => m.id === message.id)!;
    expect(receiptStatus(dto, members)).toBe("delivered");
    info = await messageInfo(alice!.id, group.id, { messageId: message.id });
    expect(of(carol!.id).deliveredAt).not.toBeNull();
  });

  it("ignore conversations I am not in and messages of another conversation; refuse bad input", async () => {
    const [alice, bob, mallory] = await makeUsers(3, "DelivDeny");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const other = (await startDirectConversation(mallory!.id, bob!.id)).conversation;
    const message = await send(alice!.id, conversation.id, "private");
    const mallorys = await send(mallory!.id, other.id, "mine");

    // Mallory is not in the conversation: nothing is written, and the answer is the same as "nothing new".
    expect(await markDelivered(mallory!.id, { items: [{ conversationId: conversation.id, upTo: message.id }] })).toEqual({ delivered: 0 });
    // A message of another conversation named as upTo does nothing either.
    expect(await markDelivered(bob!.id, { items: [{ conversationId: conversation.id, upTo: mallorys.id }] })).toEqual({ delivered: 0 });
    expect(await db.messageReceipt.count({ where: { messageId: message.id } })).toBe(0);

    await expect(markDelivered(bob!.id, { items: [] })).rejects.toMatchObject({ code: "bad_request" });
    await expect(markDelivered(bob!.id, {})).rejects.toMatchObject({ code: "bad_request" });
    await expect(markDelivered(bob!.id, { items: [{ conversationId: "nope", upTo: message.id }] })).rejects.toMatchObject({
      code: "bad_request",
    });
    const tooMany = Array.from({ length: 51 }, () => ({ conversationId: conversation.id, upTo: message.id }));
    await expect(markDelivered(bob!.id, { items: tooMany })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("message info: only the sender, only a member (404 otherwise)", async () => {
    const [alice, bob, mallory] = await makeUsers(3, "InfoDeny");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const message = await send(alice!.id, conversation.id, "mine");
    await expect(messageInfo(bob!.id, conversation.id, { messageId: message.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(messageInfo(mallory!.id, conversation.id, { messageId: message.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(messageInfo(alice!.id, conversation.id, { messageId: "x" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(messageInfo(alice!.id, conversation.id, { messageId: id() })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a burst of 100 messages in 3 chats is one report and one event per chat", async () => {
    const [alice, bob, carol, dave] = await makeUsers(4, "DelivBurst");
    const chats = [
      (await startDirectConversation(alice!.id, bob!.id)).conversation.id,
      (await startDirectConversation(carol!.id, bob!.id)).conversation.id,
      (await createGroup(dave!.id, { name: "Burst", memberIds: [bob!.id, alice!.id] })).id,
    ];
    const senders = [alice!.id, carol!.id, dave!.id];
    const newest: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const chat = i % 3;
      newest[chat] = (await send(senders[chat]!, chats[chat]!, `burst ${i}`)).id;
    }
    // Bob is in all three: his connection hears the receipts of each.
    const client = await realtime.connect(bob!.id);
    const received: unknown[] = [];
    for (const chat of chats)
      (await subscribe(client, conversationChannel(chat))).bind(EVENTS.messageDelivered, (data: unknown) => received.push(data));

    const { delivered } = await markDelivered(bob!.id, { items: chats.map((conversationId, i) => ({ conversationId, upTo: newest[i]! })) });
    expect(delivered).toBe(100);
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toHaveLength(3);
    const events = received.map((data) => parseEvent(EVENTS.messageDelivered, data));
    expect(new Set(events.map((e) => e?.conversationId))).toEqual(new Set(chats));
    for (const event of events) {
      const at = chats.indexOf(event!.conversationId);
      expect(event).toEqual({ conversationId: chats[at], userId: bob!.id, upTo: { id: newest[at], createdAt: expect.any(String) } });
    }
    expect(await db.messageReceipt.count({ where: { userId: bob!.id } })).toBe(100);
  });

  it("go with their message and with their user (cascade)", async () => {
    const [alice, bob] = await makeUsers(2, "DelivCascade");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const one = await send(alice!.id, conversation.id, "one");
    const two = await send(alice!.id, conversation.id, "two");
    await markDelivered(bob!.id, { items: [{ conversationId: conversation.id, upTo: two.id }] });
    expect(await db.messageReceipt.count({ where: { userId: bob!.id } })).toBe(2);
    await db.message.delete({ where: { id: one.id } });
    expect(await db.messageReceipt.count({ where: { userId: bob!.id } })).toBe(1);
    await db.user.delete({ where: { id: bob!.id } });
    expect(await db.messageReceipt.count({ where: { messageId: two.id } })).toBe(0);
  });
});

describe("delivery report budget", () => {
  it("is per user, like sends: the 61st report in a window is 429, another user unaffected", async () => {
    const [bob, carol] = await makeUsers(2, "DelivBudget");
    for (let i = 0; i < RECEIPT_REPORTS_PER_WINDOW; i += 1) await assertReceiptReportAllowed(bob!.id);
    await expect(assertReceiptReportAllowed(bob!.id)).rejects.toMatchObject({ code: "rate_limited" });
    await expect(assertReceiptReportAllowed(carol!.id)).resolves.toBeUndefined();
  });
});
