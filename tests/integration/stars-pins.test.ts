// Stars and pins (issue 13) on the real database and the real realtime server: star / unstar (per
// user, live in my other tabs, in my history pages), the Starred view (newest star first, keyset
// pages, only what I can still see, sender / chat / snippet), pin / unpin (1:1 members, group
// admins only, at most 3, live for every member, carried by the conversation summary), the
// denials (non-member 404, hidden or deleted message), delete for everyone removing pins and stars,
// cascades, and the history page's fixed number of statements.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { removeConversationForMe as leaveOrHide } from "@/lib/chat/members/operations";
import { deleteMessage } from "@/lib/chat/message-actions/operations";
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { PINS_FULL_MESSAGE } from "@/lib/chat/pins/limits";
import { pinMessage } from "@/lib/chat/pins/operations";
import { starMessage } from "@/lib/chat/stars/operations";
import { listStarred } from "@/lib/chat/stars/reads";
import { db } from "@/lib/db/client";
import { conversationChannel, userChannel } from "@/lib/realtime/channels";
import { EVENTS, parseEvent } from "@/lib/realtime/events";
import { appRealtimeClients, eventData, subscribe } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { countStatements } from "@/tests/support/statements";

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(() => db.$disconnect());

const id = () => newMessageId("postgresql");

async function pair(prefix: string) {
  const [alice, bob, mallory] = await makeUsers(3, prefix);
  const { conversation } = await startDirectConversation(alice!.id, bob!.id);
  return { alice: alice!, bob: bob!, mallory: mallory!, conversationId: conversation.id };
}

async function group(prefix: string, alsoIds: string[] = []) {
  const [admin, member, other, mallory] = await makeUsers(4, prefix);
  const g = await createGroup(admin!.id, { name: `${prefix} group`, memberIds: [member!.id, other!.id, ...alsoIds] });
  return { admin: admin!, member: member!, mallory: mallory!, groupId: g.id };
}

const send = async (senderId: string, conversationId: string, body: string) =>
  (await sendMessage(senderId, conversationId, { id: id(), body })).message;

describe("star", () => {
  it("stars and unstars for me only: my history pages say so, my other tabs follow, nobody else sees it", async () => {
    const { alice, bob, conversationId } = await pair("Star");
    const message = await send(alice.id, conversationId, "remember this");
    const myTab = await subscribe(await realtime.connect(bob.id), userChannel(bob.id));
    const starred = eventData(myTab, EVENTS.star);
    expect(await starMessage(bob.id, message.id, { starred: true })).toEqual({ id: message.id, conversationId, starred: true });
    expect(parseEvent(EVENTS.star, await starred)).toEqual({ id: message.id, conversationId, starred: true });

    expect((await listMessages(bob.id, conversationId)).messages.find((m) => m.id === message.id)?.starred).toBe(true);
    expect((await listMessages(alice.id, conversationId)).messages.find((m) => m.id === message.id)?.starred).toBeUndefined();
    expect((await listMessages(bob.id, conversationId, { around: message.id, limit: 2 })).messages[0]?.starred).toBe(true);

    // Idempotent both ways.
    expect(await starMessage(bob.id, message.id, { starred: true })).toMatchObject({ starred: true });
    expect(await db.starredMessage.count({ where: { messageId: message.id } })).toBe(1);
    const unstarred = eventData(myTab, EVENTS.star);
    await starMessage(bob.id, message.id, { starred: false });
    expect(parseEvent(EVENTS.star, await unstarred)).toEqual({ id: message.id, conversationId, starred: false });
    expect(await starMessage(bob.id, message.id, { starred: false })).toMatchObject({ starred: false });
    expect((await listMessages(bob.id, conversationId)).messages.find((m) => m.id === message.id)?.starred).toBeUndefined();
  });

  it("refuses a non-member (404, like a missing message), bad input (400), a hidden message (404) and a deleted one (409)", async () => {
    const { alice, bob, mallory, conversationId } = await pair("StarDeny");
    const message = await send(alice.id, conversationId, "mine");
    await expect(starMessage(mallory.id, message.id, { starred: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(starMessage(mallory.id, id(), { starred: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(starMessage(bob.id, "not-an-id", { starred: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(starMessage(bob.id, message.id, { starred: "yes" })).rejects.toMatchObject({ code: "bad_request" });

    const hidden = await send(alice.id, conversationId, "hidden for bob");
    await deleteMessage(bob.id, hidden.id, { scope: "me" });
    await expect(starMessage(bob.id, hidden.id, { starred: true })).rejects.toMatchObject({ code: "not_found" });

    const gone = await send(alice.id, conversationId, "deleted for everyone");
    await deleteMessage(alice.id, gone.id, { scope: "everyone" });
    await expect(starMessage(bob.id, gone.id, { starred: true })).rejects.toMatchObject({ code: "conflict" });
    expect(await db.starredMessage.count({ where: { userId: { in: [bob.id, mallory.id] } } })).toBe(0);
  });

  it("delete for me removes my own star of it", async () => {
    const { alice, bob, conversationId } = await pair("StarHide");
    const message = await send(alice.id, conversationId, "soon hidden");
    await starMessage(alice.id, message.id, { starred: true });
    await starMessage(bob.id, message.id, { starred: true });
    await deleteMessage(bob.id, message.id, { scope: "me" });
    expect(await db.starredMessage.findMany({ where: { messageId: message.id }, select: { userId: true } })).toEqual([
      { userId: alice.id },
    ]);
  });
});

describe("Starred view", () => {
  it("lists my stars across my chats, newest star first, in keyset pages, with sender, chat, snippet and time", async () => {
    const { alice, bob, conversationId } = await pair("StarView");
    const g = await group("StarViewGroup", [bob.id]);
    const inGroup = await send(g.admin.id, g.groupId, `hello <@${bob.id}> from the group`);
    const messages = [];
    for (let i = 0; i < 5; i += 1) messages.push(await send(alice.id, conversationId, `direct ${i}`));
    for (const m of messages) await starMessage(bob.id, m.id, { starred: true });
    await starMessage(bob.id, inGroup.id, { starred: true });
    await starMessage(alice.id, messages[0]!.id, { starred: true }); // Alice's star is not Bob's

    const first = await listStarred(bob.id, { limit: 4 });
    expect(first.items.map((i) => i.message.id)).toEqual([inGroup.id, messages[4]!.id, messages[3]!.id, messages[2]!.id]);
    expect(first.items[0]).toMatchObject({
      message: {
        conversationId: g.groupId,
        sender: { id: g.admin.id, name: g.admin.name },
        snippet: `hello @${bob.name} from the group`,
        hasImage: false,
      },
      conversation: { id: g.groupId, isGroup: true, title: "StarViewGroup group" },
    });
    expect(first.items[1]).toMatchObject({ conversation: { id: conversationId, isGroup: false, title: alice.name } });
    expect(first.nextCursor).toBeTruthy();
    const second = await listStarred(bob.id, { cursor: first.nextCursor!, limit: 4 });
    expect(second.items.map((i) => i.message.id)).toEqual([messages[1]!.id, messages[0]!.id]);
    expect(second.nextCursor).toBeNull();
    expect((await listStarred(alice.id)).items.map((i) => i.message.id)).toEqual([messages[0]!.id]);

    await expect(listStarred(bob.id, { cursor: "garbage!" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(listStarred(bob.id, { limit: 500 })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("shows only messages I can still see: not after I left the chat, not before my 'delete chat' bound", async () => {
    const g = await group("StarVisible");
    const m = await send(g.admin.id, g.groupId, "group news");
    await starMessage(g.member.id, m.id, { starred: true });
    expect((await listStarred(g.member.id)).items).toHaveLength(1);
    await leaveOrHide(g.member.id, g.groupId); // leaves the group
    expect((await listStarred(g.member.id)).items).toEqual([]);

    const { alice, bob, conversationId } = await pair("StarTrim");
    const old = await send(alice.id, conversationId, "before the bound");
    await starMessage(bob.id, old.id, { starred: true });
    await leaveOrHide(bob.id, conversationId); // hides the 1:1 for Bob: he sees only what comes after
    expect((await listStarred(bob.id)).items).toEqual([]);
  });
});

describe("pin", () => {
  it("any member of a 1:1 pins; every member's pin bar follows live; the summary carries the pins", async () => {
    const { alice, bob, conversationId } = await pair("Pin");
    const message = await send(alice.id, conversationId, "the address is 12 Main St");
    const aliceTab = await subscribe(await realtime.connect(alice.id), conversationChannel(conversationId));
    const arrived = eventData(aliceTab, EVENTS.pins);
    const { pins } = await pinMessage(bob.id, message.id, { pinned: true });
    expect(pins).toEqual([
      {
        message: expect.objectContaining({ id: message.id, senderId: alice.id, body: "the address is 12 Main St", hasImage: false }),
        pinnedById: bob.id,
        pinnedAt: expect.any(String),
      },
    ]);
    expect(parseEvent(EVENTS.pins, await arrived)).toEqual({ conversationId, pins });
    expect((await getConversation(alice.id, conversationId)).pins).toEqual(pins);
    expect((await listConversations(bob.id)).conversations.find((c) => c.id === conversationId)?.pins).toEqual(pins);

    // Pinning again changes nothing; unpinning empties the bar for everyone.
    expect((await pinMessage(alice.id, message.id, { pinned: true })).pins).toEqual(pins);
    const unpinned = eventData(aliceTab, EVENTS.pins);
    expect((await pinMessage(alice.id, message.id, { pinned: false })).pins).toEqual([]);
    expect(parseEvent(EVENTS.pins, await unpinned)).toEqual({ conversationId, pins: [] });
    expect((await getConversation(bob.id, conversationId)).pins).toEqual([]);
  });

  it("at most 3 a conversation: the 4th is 409 with a clear message, even when pinned at the same time", async () => {
    const { alice, bob, conversationId } = await pair("PinMax");
    const messages = [];
    for (let i = 0; i < 6; i += 1) messages.push(await send(alice.id, conversationId, `pin ${i}`));
    for (const m of messages.slice(0, 3)) await pinMessage(alice.id, m.id, { pinned: true });
    await expect(pinMessage(bob.id, messages[3]!.id, { pinned: true })).rejects.toMatchObject({
      code: "conflict",
      message: PINS_FULL_MESSAGE,
    });
    await pinMessage(bob.id, messages[0]!.id, { pinned: false });
    // Two members race for the one free place: one wins, the other gets the 409.
    const raced = await Promise.allSettled([
      pinMessage(alice.id, messages[4]!.id, { pinned: true }),
      pinMessage(bob.id, messages[5]!.id, { pinned: true }),
    ]);
    expect(raced.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(raced.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await db.pinnedMessage.count({ where: { conversationId } })).toBe(3);
    const order = (await getConversation(alice.id, conversationId)).pins!.map((p) => p.message.body);
    expect(order.slice(0, 2)).toEqual(["pin 1", "pin 2"]); // oldest pin first
  });

  it("in a group only admins pin (403 for a member), a non-member gets 404, and hidden or deleted messages cannot be pinned", async () => {
    const g = await group("PinGroup");
    const m = await send(g.member.id, g.groupId, "member's message");
    await expect(pinMessage(g.member.id, m.id, { pinned: true })).rejects.toMatchObject({ code: "forbidden" });
    await expect(pinMessage(g.mallory.id, m.id, { pinned: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(pinMessage(g.admin.id, m.id, { pinned: "yes" })).rejects.toMatchObject({ code: "bad_request" });
    await pinMessage(g.admin.id, m.id, { pinned: true });
    await expect(pinMessage(g.member.id, m.id, { pinned: false })).rejects.toMatchObject({ code: "forbidden" });
    await expect(pinMessage(g.mallory.id, m.id, { pinned: false })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.pinnedMessage.count({ where: { messageId: m.id } })).toBe(1);

    const hidden = await send(g.member.id, g.groupId, "hidden for the admin");
    await deleteMessage(g.admin.id, hidden.id, { scope: "me" });
    await expect(pinMessage(g.admin.id, hidden.id, { pinned: true })).rejects.toMatchObject({ code: "not_found" });
    const gone = await send(g.admin.id, g.groupId, "deleted");
    await deleteMessage(g.admin.id, gone.id, { scope: "everyone" });
    await expect(pinMessage(g.admin.id, gone.id, { pinned: true })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a pin of a message I deleted for me is not in my summary (it stays in the others')", async () => {
    const { alice, bob, conversationId } = await pair("PinHidden");
    const m = await send(alice.id, conversationId, "pinned then hidden");
    await pinMessage(alice.id, m.id, { pinned: true });
    await deleteMessage(bob.id, m.id, { scope: "me" });
    expect((await getConversation(bob.id, conversationId)).pins).toEqual([]);
    expect((await getConversation(alice.id, conversationId)).pins).toHaveLength(1);
  });
});

describe("delete for everyone", () => {
  it("removes the message's pin and every star in its transaction, and tells every pin bar", async () => {
    const { alice, bob, conversationId } = await pair("PinDelete");
    const keep = await send(alice.id, conversationId, "keep");
    const m = await send(alice.id, conversationId, "oops");
    await pinMessage(bob.id, keep.id, { pinned: true });
    await pinMessage(bob.id, m.id, { pinned: true });
    await starMessage(alice.id, m.id, { starred: true });
    await starMessage(bob.id, m.id, { starred: true });
    const bobTab = await subscribe(await realtime.connect(bob.id), conversationChannel(conversationId));
    const arrived = eventData(bobTab, EVENTS.pins);
    await deleteMessage(alice.id, m.id, { scope: "everyone" });
    const event = parseEvent(EVENTS.pins, await arrived);
    expect(event?.pins.map((p) => p.message.id)).toEqual([keep.id]);
    expect(await db.pinnedMessage.count({ where: { messageId: m.id } })).toBe(0);
    expect(await db.starredMessage.count({ where: { messageId: m.id } })).toBe(0);
    expect((await listStarred(bob.id)).items).toEqual([]);
  });
});

describe("cascades", () => {
  it("stars and pins go with their conversation and with their user", async () => {
    const { alice, bob, conversationId } = await pair("PinCascade");
    const m = await send(alice.id, conversationId, "x");
    await pinMessage(alice.id, m.id, { pinned: true });
    await starMessage(bob.id, m.id, { starred: true });
    await db.user.delete({ where: { id: bob.id } });
    expect(await db.starredMessage.count({ where: { messageId: m.id } })).toBe(0);
    await db.conversation.delete({ where: { id: conversationId } });
    expect(await db.pinnedMessage.count({ where: { messageId: m.id } })).toBe(0);
  });
});

describe("history page", () => {
  it("says which messages I starred in the same number of statements (no N+1), and so does the Starred view", async () => {
    const { alice, bob, conversationId } = await pair("StarPage");
    const grow = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const message = await send(alice.id, conversationId, `m${i}`);
        await starMessage(bob.id, message.id, { starred: true });
        if (i < 3) await pinMessage(bob.id, message.id, { pinned: true }).catch(() => {});
      }
      return [await countStatements(() => listMessages(bob.id, conversationId)), await countStatements(() => listStarred(bob.id))];
    };
    const [few, starredFew] = await grow(1);
    const [more, starredMore] = await grow(12);
    expect(few).toBeGreaterThan(0);
    expect(more).toBe(few);
    expect(more).toBeLessThanOrEqual(4);
    // The Starred view: my chats and bounds, then the page.
    expect(starredMore).toBe(starredFew);
    expect(starredMore).toBeLessThanOrEqual(3);
    expect((await listMessages(bob.id, conversationId)).messages.every((m) => m.starred === true)).toBe(true);
  });
});
