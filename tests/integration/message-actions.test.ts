// Message actions (issue 13, part A) on the real database and the real realtime server: reply,
// edit (window, author only, history), delete for me / for everyone (window, group admins,
// tombstone, content gone from history, search, previews and unread counts, files deleted),
// reactions (toggle, several per user, emoji validation, non-members), forward (targets must be
// mine, image copied, marked forwarded), and the events each publishes.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { normalizeEmoji } from "@/lib/chat/message-actions/emoji";
import { deleteMessage, editMessage, forwardMessage, reactToMessage, REACTIONS_PER_USER_MAX } from "@/lib/chat/message-actions/operations";
import { editHistory } from "@/lib/chat/message-actions/reads";
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { searchMessages } from "@/lib/chat/search/reads";
import { db } from "@/lib/db/client";
import { conversationChannel, userChannel } from "@/lib/realtime/channels";
import { EVENTS, parseEvent } from "@/lib/realtime/events";
import { storage } from "@/lib/storage/storage";
import { appRealtimeClients, eventData, subscribe } from "@/tests/support/app-realtime-clients";
import { makeUsers, uniqueTag } from "@/tests/support/chat-fixtures";
import { countStatements } from "@/tests/support/statements";

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(() => db.$disconnect());

const id = () => newMessageId("postgresql");
const MINUTE = 60_000;

async function pair(prefix = "Act") {
  const [alice, bob, mallory] = await makeUsers(3, prefix);
  const { conversation } = await startDirectConversation(alice!.id, bob!.id);
  return { alice: alice!, bob: bob!, mallory: mallory!, conversationId: conversation.id };
}

async function group(prefix = "ActGroup") {
  const [admin, member, other, mallory] = await makeUsers(4, prefix);
  const g = await createGroup(admin!.id, { name: `${prefix} group`, memberIds: [member!.id, other!.id] });
  return { admin: admin!, member: member!, other: other!, mallory: mallory!, groupId: g.id };
}

/** A message sent `minutesAgo` minutes ago (written directly: the send path stamps "now"). */
async function oldMessage(conversationId: string, senderId: string, body: string, minutesAgo: number) {
  return db.message.create({
    data: {
      id: id(),
      conversationId,
      senderId,
      body,
      searchText: body.toLowerCase(),
      createdAt: new Date(Date.now() - minutesAgo * MINUTE),
    },
    select: { id: true },
  });
}

describe("reply", () => {
  it("quotes a message of the same conversation: sender and snippet, in the send answer and in history", async () => {
    const { alice, bob, conversationId } = await pair("Reply");
    const { message: original } = await sendMessage(alice.id, conversationId, { id: id(), body: "What time is lunch?" });
    const { message: reply } = await sendMessage(bob.id, conversationId, { id: id(), body: "Noon", replyToId: original.id });
    expect(reply.replyTo).toEqual({
      id: original.id,
      sender: { id: alice.id, name: alice.name, image: null },
      snippet: "What time is lunch?",
      hasImage: false,
      deleted: false,
    });
    const page = await listMessages(alice.id, conversationId);
    expect(page.messages.find((m) => m.id === reply.id)?.replyTo?.snippet).toBe("What time is lunch?");
  });

  it("refuses a reply to a message of another conversation (400) and says when the quoted message was deleted", async () => {
    const { alice, bob, conversationId } = await pair("ReplyDeny");
    const other = await pair("ReplyOther");
    const { message: elsewhere } = await sendMessage(other.alice.id, other.conversationId, { id: id(), body: "secret" });
    await expect(sendMessage(alice.id, conversationId, { id: id(), body: "x", replyToId: elsewhere.id })).rejects.toMatchObject({
      code: "bad_request",
    });
    const { message: original } = await sendMessage(alice.id, conversationId, { id: id(), body: "oops" });
    const { message: reply } = await sendMessage(bob.id, conversationId, { id: id(), body: "what?", replyToId: original.id });
    await deleteMessage(alice.id, original.id, { scope: "everyone" });
    const held = (await listMessages(bob.id, conversationId)).messages.find((m) => m.id === reply.id);
    expect(held?.replyTo).toMatchObject({ id: original.id, deleted: true, snippet: null, hasImage: false });
    // A deleted message cannot be replied to.
    await expect(sendMessage(bob.id, conversationId, { id: id(), body: "y", replyToId: original.id })).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});

describe("edit", () => {
  it("changes my text, marks it edited, keeps the previous version for me only, and is live for members", async () => {
    const { alice, bob, conversationId } = await pair("Edit");
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: "helo" });
    const channel = await subscribe(await realtime.connect(bob.id), conversationChannel(conversationId));
    const arrived = eventData(channel, EVENTS.messageUpdate);
    const result = await editMessage(alice.id, message.id, { body: "hello" });
    expect(result.body).toBe("hello");
    expect(parseEvent(EVENTS.messageUpdate, await arrived)).toEqual({
      id: message.id,
      conversationId,
      body: "hello",
      editedAt: result.editedAt,
    });
    const held = (await listMessages(bob.id, conversationId)).messages[0]!;
    expect(held).toMatchObject({ id: message.id, body: "hello", editedAt: result.editedAt });
    // Search finds the new text, not the old one.
    const w = `edited${uniqueTag()}`;
    await editMessage(alice.id, message.id, { body: `hello ${w}` });
    expect((await searchMessages(bob.id, { q: w })).hits.map((h) => h.message.id)).toEqual([message.id]);
    expect((await searchMessages(bob.id, { q: "helo" })).hits.map((h) => h.message.id)).not.toContain(message.id);

    const history = await editHistory(alice.id, message.id);
    expect(history.current).toBe(`hello ${w}`);
    expect(history.versions.map((v) => v.body)).toEqual(["hello", "helo"]);
    await expect(editHistory(bob.id, message.id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses someone else's message (403), after the window (403), a non-member (404), bad bodies (400)", async () => {
    const { alice, bob, mallory, conversationId } = await pair("EditDeny");
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: "mine" });
    await expect(editMessage(bob.id, message.id, { body: "yours now" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(editMessage(mallory.id, message.id, { body: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(editMessage(alice.id, "not-an-id", { body: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(editMessage(alice.id, message.id, { body: "   " })).rejects.toMatchObject({ code: "bad_request" });
    await expect(editMessage(alice.id, message.id, { body: "x".repeat(2001) })).rejects.toMatchObject({ code: "bad_request" });
    const old = await oldMessage(conversationId, alice.id, "too late", 16);
    await expect(editMessage(alice.id, old.id, { body: "fixed" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await db.message.findUnique({ where: { id: old.id }, select: { body: true } }))?.body).toBe("too late");
    expect(await db.message.findUnique({ where: { id: message.id }, select: { body: true, editedAt: true } })).toEqual({
      body: "mine",
      editedAt: null,
    });
  });
});

describe("delete", () => {
  it("for me: gone from my history, search, preview and unread count only, and on my other tabs", async () => {
    const { alice, bob, conversationId } = await pair("DelMe");
    const w = `hideme${uniqueTag()}`;
    await sendMessage(alice.id, conversationId, { id: id(), body: "first" });
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: `second ${w}` });
    expect((await getConversation(bob.id, conversationId)).unreadCount).toBe(2);
    const myTab = await subscribe(await realtime.connect(bob.id), userChannel(bob.id));
    const hidden = eventData(myTab, EVENTS.messageHidden);
    await deleteMessage(bob.id, message.id, { scope: "me" });
    expect(parseEvent(EVENTS.messageHidden, await hidden)).toEqual({ id: message.id, conversationId });

    expect((await listMessages(bob.id, conversationId)).messages.map((m) => m.body)).toEqual(["first"]);
    expect((await searchMessages(bob.id, { q: w })).hits).toEqual([]);
    const bobView = await getConversation(bob.id, conversationId);
    expect(bobView.lastMessage?.body).toBe("first");
    expect(bobView.unreadCount).toBe(1);
    // Alice still has it.
    expect((await listMessages(alice.id, conversationId)).messages.map((m) => m.body)).toEqual([`second ${w}`, "first"]);
    expect((await searchMessages(alice.id, { q: w })).hits).toHaveLength(1);
    // Once hidden, it is not there to act on for me.
    await expect(reactToMessage(bob.id, message.id, { emoji: "👍" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("for everyone: a tombstone in place, content gone from history, search, preview, unread and events; files deleted", async () => {
    const { alice, bob, conversationId } = await pair("DelAll");
    const w = `gone${uniqueTag()}`;
    const key = `msg-${crypto.randomUUID()}.png`;
    const thumb = key.replace(".png", "-thumb.webp");
    const files = storage();
    await files.put(key, new Uint8Array([1, 2, 3]), "image/png");
    await files.put(thumb, new Uint8Array([4, 5]), "image/webp");
    await db.upload.create({ data: { key, thumbnailKey: thumb, ownerId: alice.id, size: 5, contentType: "image/png" } });
    await sendMessage(alice.id, conversationId, { id: id(), body: "before" });
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: `secret ${w}`, image: `/api/uploads/${key}` });
    await reactToMessage(bob.id, message.id, { emoji: "😂" });
    expect((await getConversation(bob.id, conversationId)).unreadCount).toBe(2);

    const bobConversation = await subscribe(await realtime.connect(bob.id), conversationChannel(conversationId));
    const update = eventData(bobConversation, EVENTS.messageUpdate);
    await deleteMessage(alice.id, message.id, { scope: "everyone" });
    expect(parseEvent(EVENTS.messageUpdate, await update)).toEqual({ id: message.id, conversationId, deleted: true });

    for (const viewer of [alice, bob]) {
      const page = await listMessages(viewer.id, conversationId);
      expect(page.messages.map((m) => m.id)).toContain(message.id); // still in order, as a tombstone
      const tombstone = page.messages.find((m) => m.id === message.id)!;
      expect(tombstone).toMatchObject({ body: null, image: null, deleted: true });
      expect(tombstone.reactions).toBeUndefined();
      expect(JSON.stringify(page)).not.toContain(w);
      expect((await searchMessages(viewer.id, { q: w })).hits).toEqual([]);
      const list = await listConversations(viewer.id);
      const summary = list.conversations.find((c) => c.id === conversationId)!;
      expect(summary.lastMessage).toMatchObject({ id: message.id, body: null, hasImage: false, deleted: true });
    }
    expect((await getConversation(bob.id, conversationId)).unreadCount).toBe(1);
    const row = await db.message.findUnique({
      where: { id: message.id },
      select: { body: true, image: true, searchText: true, deletedById: true, _count: { select: { reactions: true, edits: true } } },
    });
    expect(row).toEqual({ body: null, image: null, searchText: null, deletedById: alice.id, _count: { reactions: 0, edits: 0 } });
    expect(await db.upload.count({ where: { key } })).toBe(0);
    expect(await files.get(key)).toBeNull();
    expect(await files.get(thumb)).toBeNull();
    // Nothing more can be done to it.
    await expect(editMessage(alice.id, message.id, { body: "back" })).rejects.toMatchObject({ code: "conflict" });
    await expect(reactToMessage(bob.id, message.id, { emoji: "👍" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("for everyone is my own message within the window; a group admin may delete any message in the group", async () => {
    const { admin, member, other, mallory, groupId } = await group("DelRoles");
    const { message: adminMessage } = await sendMessage(admin.id, groupId, { id: id(), body: "admin says" });
    const { message: memberMessage } = await sendMessage(member.id, groupId, { id: id(), body: "member says" });
    // A plain member cannot delete another's message for everyone…
    await expect(deleteMessage(other.id, adminMessage.id, { scope: "everyone" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteMessage(member.id, adminMessage.id, { scope: "everyone" })).rejects.toMatchObject({ code: "forbidden" });
    // …a non-member gets 404, bad scope 400…
    await expect(deleteMessage(mallory.id, adminMessage.id, { scope: "everyone" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteMessage(member.id, memberMessage.id, { scope: "all" })).rejects.toMatchObject({ code: "bad_request" });
    // …nor their own once the window passed…
    const old = await oldMessage(groupId, member.id, "last hour", 61);
    await expect(deleteMessage(member.id, old.id, { scope: "everyone" })).rejects.toMatchObject({ code: "forbidden" });
    // …but the group admin can, any message, any time.
    await deleteMessage(admin.id, old.id, { scope: "everyone" });
    await deleteMessage(admin.id, memberMessage.id, { scope: "everyone" });
    const rows = await db.message.findMany({
      where: { id: { in: [old.id, memberMessage.id] } },
      select: { deletedById: true, body: true },
    });
    expect(rows).toEqual([
      { deletedById: admin.id, body: null },
      { deletedById: admin.id, body: null },
    ]);
    // In a 1:1 nobody is an admin: the other person's message stays.
    const { alice, bob, conversationId } = await pair("DelDirect");
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: "hi" });
    await expect(deleteMessage(bob.id, message.id, { scope: "everyone" })).rejects.toMatchObject({ code: "forbidden" });
    // Anyone may delete any message they see for themselves.
    await deleteMessage(bob.id, message.id, { scope: "me" });
  });
});

describe("reactions", () => {
  it("toggle, allow several emoji per user, and are summarized per emoji with who reacted", async () => {
    const { alice, bob, conversationId } = await pair("React");
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: "party?" });
    const channel = await subscribe(await realtime.connect(alice.id), conversationChannel(conversationId));
    const arrived = eventData(channel, EVENTS.messageReaction);
    expect(await reactToMessage(bob.id, message.id, { emoji: "🎉" })).toEqual({ id: message.id, emoji: "🎉", on: true });
    expect(parseEvent(EVENTS.messageReaction, await arrived)).toEqual({
      id: message.id,
      conversationId,
      userId: bob.id,
      emoji: "🎉",
      on: true,
    });
    await reactToMessage(alice.id, message.id, { emoji: "🎉" });
    await reactToMessage(bob.id, message.id, { emoji: "👍🏽" });
    await reactToMessage(bob.id, message.id, { emoji: "❤" }); // stored in its emoji form
    let held = (await listMessages(alice.id, conversationId)).messages[0]!;
    expect(held.reactions).toEqual([
      { emoji: "🎉", userIds: [bob.id, alice.id] },
      { emoji: "👍🏽", userIds: [bob.id] },
      { emoji: "❤️", userIds: [bob.id] },
    ]);
    // Toggle off, and an explicit `on` is idempotent.
    expect(await reactToMessage(bob.id, message.id, { emoji: "🎉" })).toMatchObject({ on: false });
    expect(await reactToMessage(bob.id, message.id, { emoji: "❤️", on: true })).toMatchObject({ on: true });
    held = (await listMessages(bob.id, conversationId)).messages[0]!;
    expect(held.reactions).toEqual([
      { emoji: "🎉", userIds: [alice.id] },
      { emoji: "👍🏽", userIds: [bob.id] },
      { emoji: "❤️", userIds: [bob.id] },
    ]);
  });

  it("refuses non-members (404), invalid or oversized emoji (400), and more than the per-user limit", async () => {
    const { alice, bob, mallory, conversationId } = await pair("ReactDeny");
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: "hi" });
    await expect(reactToMessage(mallory.id, message.id, { emoji: "👍" })).rejects.toMatchObject({ code: "not_found" });
    for (const emoji of ["", "a", "hello", "👍👍", "👍 ", "<script>", "😀".repeat(20), 5, null, "\u0000"]) {
      await expect(reactToMessage(bob.id, message.id, { emoji })).rejects.toMatchObject({ code: "bad_request" });
    }
    expect(await db.messageReaction.count({ where: { messageId: message.id } })).toBe(0);
    const many = [
      "😀",
      "😃",
      "😄",
      "😁",
      "😆",
      "😅",
      "🤣",
      "😂",
      "🙂",
      "🙃",
      "😉",
      "😊",
      "😇",
      "🥰",
      "😍",
      "🤩",
      "😘",
      "😗",
      "😚",
      "😙",
      "🥲",
    ];
    for (const emoji of many.slice(0, REACTIONS_PER_USER_MAX)) await reactToMessage(bob.id, message.id, { emoji });
    await expect(reactToMessage(bob.id, message.id, { emoji: many[REACTIONS_PER_USER_MAX]! })).rejects.toMatchObject({
      code: "bad_request",
    });
  });

  it("accepts exactly one emoji grapheme: flags, keycaps, skin tones and ZWJ sequences", () => {
    for (const emoji of ["👍", "👍🏿", "🇫🇷", "1️⃣", "👨‍👩‍👧‍👦", "❤️", "🏳️‍🌈"]) expect(normalizeEmoji(emoji)).toBe(emoji);
    expect(normalizeEmoji("❤")).toBe("❤️");
    for (const text of ["", "a", "1", "👍👍", "🇫", "x👍", "👍\u200b"]) expect(normalizeEmoji(text)).toBeNull();
  });
});

describe("forward", () => {
  it("copies text and image (a new upload of mine) into each of my conversations, marked forwarded, without reactions", async () => {
    const { alice, bob, conversationId } = await pair("Fwd");
    const [carol] = await makeUsers(1, "FwdCarol");
    const second = (await startDirectConversation(bob.id, carol!.id)).conversation.id;
    const key = `msg-${crypto.randomUUID()}.png`;
    const files = storage();
    await files.put(key, new Uint8Array([9, 9, 9]), "image/png");
    await db.upload.create({ data: { key, ownerId: alice.id, size: 3, contentType: "image/png" } });
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: "look", image: `/api/uploads/${key}` });
    await reactToMessage(bob.id, message.id, { emoji: "👀" });

    const carolChannel = await subscribe(await realtime.connect(carol!.id), conversationChannel(second));
    const arrived = eventData(carolChannel, EVENTS.messageNew);
    const { messages } = await forwardMessage(bob.id, message.id, { conversationIds: [second, conversationId] });
    expect(messages).toHaveLength(2);
    for (const copy of messages) {
      expect(copy).toMatchObject({ body: "look", forwarded: true, sender: { id: bob.id } });
      expect(copy.reactions).toBeUndefined();
      expect(copy.image).not.toBe(message.image);
      const copyKey = copy.image!.replace("/api/uploads/", "");
      expect(await db.upload.findUnique({ where: { key: copyKey }, select: { ownerId: true, messageId: true } })).toEqual({
        ownerId: bob.id,
        messageId: copy.id,
      });
      expect((await files.get(copyKey))?.bytes).toEqual(new Uint8Array([9, 9, 9]));
    }
    expect(parseEvent(EVENTS.messageNew, await arrived)).toMatchObject({ conversationId: second, forwarded: true, body: "look" });
    // Deleting the original later leaves the copies' files.
    await deleteMessage(alice.id, message.id, { scope: "everyone" });
    expect(await files.get(messages[0]!.image!.replace("/api/uploads/", ""))).not.toBeNull();
  });

  it("refuses a target I am not in (404, nothing sent), a message I cannot see (404), and bad input (400)", async () => {
    const { alice, bob, mallory, conversationId } = await pair("FwdDeny");
    const stranger = await pair("FwdStranger");
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: "mine to share" });
    const before = await db.message.count({ where: { conversationId: stranger.conversationId } });
    await expect(forwardMessage(bob.id, message.id, { conversationIds: [conversationId, stranger.conversationId] })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.message.count({ where: { conversationId: stranger.conversationId } })).toBe(before);
    expect(await db.message.count({ where: { conversationId, forwarded: true } })).toBe(0);
    await expect(forwardMessage(mallory.id, message.id, { conversationIds: [stranger.conversationId] })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(forwardMessage(bob.id, message.id, { conversationIds: [] })).rejects.toMatchObject({ code: "bad_request" });
    await expect(forwardMessage(bob.id, message.id, { conversationIds: "x" })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("history page", () => {
  it("carries replies, reactions, edited and deleted state in a fixed number of statements (no N+1)", async () => {
    const { alice, bob, conversationId } = await pair("Page");
    const grow = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: `m${i}` });
        await sendMessage(bob.id, conversationId, { id: id(), body: `r${i}`, replyToId: message.id });
        await reactToMessage(bob.id, message.id, { emoji: "👍" });
        await reactToMessage(alice.id, message.id, { emoji: "🎉" });
        if (i % 2 === 0) await editMessage(alice.id, message.id, { body: `m${i}!` });
        if (i % 3 === 0) await deleteMessage(alice.id, message.id, { scope: "everyone" });
      }
      return countStatements(() => listMessages(bob.id, conversationId));
    };
    const few = await grow(1);
    const more = await grow(12);
    expect(few).toBeGreaterThan(0); // the counter sees the statements
    expect(more).toBe(few);
    expect(more).toBeLessThanOrEqual(4);
  });
});

describe("cascades", () => {
  it("reactions, edits and delete-for-me rows go with their message's conversation and with their user", async () => {
    const { alice, bob, conversationId } = await pair("Cascade");
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: "x" });
    await sendMessage(bob.id, conversationId, { id: id(), body: "reply", replyToId: message.id });
    await reactToMessage(bob.id, message.id, { emoji: "👍" });
    await editMessage(alice.id, message.id, { body: "y" });
    await deleteMessage(bob.id, message.id, { scope: "me" });
    await db.user.delete({ where: { id: bob.id } });
    expect(await db.messageReaction.count({ where: { messageId: message.id } })).toBe(0);
    expect(await db.messageHidden.count({ where: { messageId: message.id } })).toBe(0);
    expect(await db.messageEdit.count({ where: { messageId: message.id } })).toBe(1);
    await db.conversation.delete({ where: { id: conversationId } });
    expect(await db.messageEdit.count({ where: { messageId: message.id } })).toBe(0);
    expect(await db.message.count({ where: { conversationId } })).toBe(0);
  });
});
