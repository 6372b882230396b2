// Messages on the real database: send (limits, idempotency), pages (keyset boundaries both ways),
// seen receipts and unread counts, and denials for non-members.
import { afterAll, describe, expect, it } from "vitest";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import type { MessageDto } from "@/lib/chat/messages/dto";
import { newMessageId, objectId } from "@/lib/chat/kernel/ids";
import { listMessages } from "@/lib/chat/messages/history";
import { markSeen } from "@/lib/chat/receipts/operations";
import { messageEvent, sendMessage } from "@/lib/chat/messages/send";
import { MAX_EVENT_BYTES, eventBytes } from "@/lib/realtime/events";
import { insertMessages, makeUsers } from "@/tests/support/chat-fixtures";
import { searchUsers } from "@/lib/chat/people/search";
import { db } from "@/lib/db/client";

afterAll(() => db.$disconnect());

const id = () => newMessageId("postgresql");

async function pair() {
  const [alice, bob, mallory] = await makeUsers(3, "Msg");
  const { conversation } = await startDirectConversation(alice!.id, bob!.id);
  return { alice: alice!, bob: bob!, mallory: mallory!, conversationId: conversation.id };
}

describe("sendMessage", () => {
  it("stores text, returns it with the sender's safe fields, and moves lastMessageAt", async () => {
    const { alice, conversationId } = await pair();
    const before = await getConversation(alice.id, conversationId);
    const { message, created } = await sendMessage(alice.id, conversationId, { id: id(), body: "  hello  " });
    expect(created).toBe(true);
    expect(message).toMatchObject({ body: "hello", image: null, conversationId, sender: { id: alice.id, name: alice.name } });
    expect(Object.keys(message.sender).sort()).toEqual(["id", "image", "name"]);
    expect(message.seenBy.map((u) => u.id)).toEqual([alice.id]);
    const after = await getConversation(alice.id, conversationId);
    expect(after.lastMessageAt).toBe(message.createdAt);
    expect(Date.parse(after.lastMessageAt)).toBeGreaterThanOrEqual(Date.parse(before.lastMessageAt));
    expect(after.lastMessage).toMatchObject({ id: message.id, body: "hello", senderId: alice.id, hasImage: false });
  });

  it("accepts an uploaded or allowed image, refuses other URLs", async () => {
    const { alice, conversationId } = await pair();
    // Issue #12: an upload of ours must be the sender's own (an Upload record), and no host is
    // allowed unless PARLEY_IMAGE_HOSTS names it (res.cloudinary.com was allowed by default).
    const key = `msg-${crypto.randomUUID()}.png`;
    await db.upload.create({ data: { key, ownerId: alice.id, size: 10, contentType: "image/png" } });
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), image: `/api/uploads/${key}` });
    expect(message).toMatchObject({ body: null, image: `/api/uploads/${key}` });
    process.env.PARLEY_IMAGE_HOSTS = "res.cloudinary.com";
    try {
      await sendMessage(alice.id, conversationId, { id: id(), body: "pic", image: "https://res.cloudinary.com/x/y.png" });
    } finally {
      delete process.env.PARLEY_IMAGE_HOSTS;
    }
    for (const image of [
      "http://res.cloudinary.com/a.png",
      "https://evil.example/a.png",
      "javascript:alert(1)",
      "data:image/png;base64,AAAA",
    ]) {
      await expect(sendMessage(alice.id, conversationId, { id: id(), image })).rejects.toMatchObject({ code: "bad_request" });
    }
  });

  it("refuses empty, whitespace-only, too long and malformed input with 400", async () => {
    const { alice, conversationId } = await pair();
    const cases: unknown[] = [
      { id: id() },
      { id: id(), body: "   " },
      { id: id(), body: "x".repeat(2001) },
      { body: "no id" },
      { id: "not-an-id", body: "x" },
      { id: objectId(), body: "ObjectId on PostgreSQL" },
      { id: id(), body: 42 },
    ];
    for (const input of cases) {
      await expect(sendMessage(alice.id, conversationId, input as never)).rejects.toMatchObject({ code: "bad_request", status: 400 });
    }
    const ok = await sendMessage(alice.id, conversationId, { id: id(), body: "x".repeat(2000) });
    expect(ok.message.body).toHaveLength(2000);
  });

  it("answers 404 to non-members and to unknown or malformed conversation ids", async () => {
    const { mallory, conversationId } = await pair();
    await expect(sendMessage(mallory.id, conversationId, { id: id(), body: "hi" })).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
    await expect(sendMessage(mallory.id, newMessageId("postgresql"), { id: id(), body: "hi" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(sendMessage(mallory.id, "nope", { id: id(), body: "hi" })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.message.count({ where: { conversationId } })).toBe(0);
  });

  it("is idempotent: a resend with the same id never creates a duplicate", async () => {
    const { alice, conversationId } = await pair();
    const input = { id: id(), body: "once" };
    const first = await sendMessage(alice.id, conversationId, input);
    const again = await sendMessage(alice.id, conversationId, input);
    expect(again.created).toBe(false);
    expect(again.message.id).toBe(first.message.id);
    expect(again.message.createdAt).toBe(first.message.createdAt);
    const concurrent = { id: id(), body: "racing retries" };
    const results = await Promise.all(Array.from({ length: 6 }, () => sendMessage(alice.id, conversationId, concurrent)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(await db.message.count({ where: { conversationId } })).toBe(2);
  });

  it("treats an id reused for other content, by another sender or in another conversation as a conflict", async () => {
    const { alice, bob, conversationId } = await pair();
    const messageId = id();
    await sendMessage(alice.id, conversationId, { id: messageId, body: "original" });
    await expect(sendMessage(alice.id, conversationId, { id: messageId, body: "different" })).rejects.toMatchObject({ code: "conflict" });
    await expect(sendMessage(bob.id, conversationId, { id: messageId, body: "original" })).rejects.toMatchObject({ code: "conflict" });
    const [carol] = await makeUsers(1, "Other");
    const other = await startDirectConversation(alice.id, carol!.id);
    await expect(sendMessage(alice.id, other.conversation.id, { id: messageId, body: "original" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await listMessages(bob.id, conversationId)).messages.map((m) => m.body)).toEqual(["original"]);
  });

  it("keeps every message:new event under the size limit (a body that would not fit is left out)", async () => {
    const { alice, conversationId } = await pair();
    const { message } = await sendMessage(alice.id, conversationId, { id: id(), body: "\u0001".repeat(2000) });
    expect(message.body).toHaveLength(2000);
    const event = messageEvent(message);
    expect(event).toMatchObject({ id: message.id, body: null, truncated: true });
    expect(eventBytes(event)).toBeLessThan(MAX_EVENT_BYTES);
    const normal = (await sendMessage(alice.id, conversationId, { id: id(), body: "é".repeat(2000) })).message;
    expect(messageEvent(normal)).toEqual(normal);
  });

  it("accepts an upper-case UUID and stores it normalized", async () => {
    const { alice, conversationId } = await pair();
    const upper = id().toUpperCase();
    const first = await sendMessage(alice.id, conversationId, { id: upper, body: "case" });
    expect(first.message.id).toBe(upper.toLowerCase());
    expect((await sendMessage(alice.id, conversationId, { id: upper, body: "case" })).created).toBe(false);
  });
});

/** Walks a conversation's history from newest to oldest with `before`; returns ids in order. */
async function walkBack(actorId: string, conversationId: string) {
  const pages: MessageDto[][] = [];
  let page = await listMessages(actorId, conversationId);
  pages.push(page.messages);
  while (page.hasOlder) {
    page = await listMessages(actorId, conversationId, { before: page.olderCursor! });
    pages.push(page.messages);
    if (pages.length > 10) throw new Error("runaway pagination");
  }
  return pages;
}

function sameTimeSeries(count: number, distinctEvery = 1): Date[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => new Date(start + Math.floor(i / distinctEvery) * 1000));
}

describe("listMessages pagination", () => {
  it.each([
    [0, [0]],
    [1, [1]],
    [50, [50]],
    [51, [50, 1]],
    [101, [50, 50, 1]],
  ])("pages %i messages as %j, newest first, each exactly once", async (count, sizes) => {
    const { alice, bob, conversationId } = await pair();
    await insertMessages(conversationId, alice.id, sameTimeSeries(count, 3)); // 3 messages share each timestamp
    const pages = await walkBack(bob.id, conversationId);
    expect(pages.map((p) => p.length)).toEqual(sizes);
    const all = pages.flat();
    expect(new Set(all.map((m) => m.id)).size).toBe(count);
    const stored = await db.message.findMany({
      where: { conversationId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(all.map((m) => m.id)).toEqual(stored.map((m) => m.id));
  });

  it("walks forward with `after` from the oldest message to the newest, across identical timestamps", async () => {
    const { alice, bob, conversationId } = await pair();
    await insertMessages(conversationId, alice.id, sameTimeSeries(101, 101)); // all share one timestamp
    const stored = await db.message.findMany({
      where: { conversationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, createdAt: true },
    });
    const oldest = stored[0]!;
    const { encodeCursor } = await import("@/lib/chat/kernel/cursor");
    let page = await listMessages(bob.id, conversationId, { after: encodeCursor({ at: oldest.createdAt, id: oldest.id }) });
    const seen = [...page.messages].reverse();
    expect(page.messages).toHaveLength(50);
    expect(page.hasNewer).toBe(true);
    while (page.hasNewer) {
      page = await listMessages(bob.id, conversationId, { after: page.newerCursor! });
      seen.push(...[...page.messages].reverse());
    }
    expect(seen.map((m) => m.id)).toEqual(stored.slice(1).map((m) => m.id));
    // Nothing newer than the newest: an empty page that keeps the cursor.
    const newest = stored.at(-1)!;
    const tail = await listMessages(bob.id, conversationId, { after: encodeCursor({ at: newest.createdAt, id: newest.id }) });
    expect(tail).toMatchObject({ messages: [], hasNewer: false });
    expect(tail.newerCursor).not.toBeNull();
  });

  it("returns the newest page with the right flags and a limit", async () => {
    const { alice, bob, conversationId } = await pair();
    await insertMessages(conversationId, alice.id, sameTimeSeries(5));
    const page = await listMessages(bob.id, conversationId, { limit: 2 });
    expect(page.messages.map((m) => m.body)).toEqual(["m4", "m3"]);
    expect(page).toMatchObject({ hasOlder: true, hasNewer: false });
    const older = await listMessages(bob.id, conversationId, { before: page.olderCursor!, limit: "2" });
    expect(older.messages.map((m) => m.body)).toEqual(["m2", "m1"]);
    expect(older).toMatchObject({ hasOlder: true, hasNewer: true });
    const back = await listMessages(bob.id, conversationId, { after: older.newerCursor!, limit: 50 });
    expect(back.messages.map((m) => m.body)).toEqual(["m4", "m3"]);
  });

  it("refuses bad cursors and limits with 400, and non-members with 404", async () => {
    const { alice, mallory, conversationId } = await pair();
    for (const input of [{ before: "garbage!" }, { after: "eyJ4IjoxfQ" }, { limit: 0 }, { limit: 51 }, { limit: "ten" }]) {
      await expect(listMessages(alice.id, conversationId, input)).rejects.toMatchObject({ code: "bad_request" });
    }
    const page = await listMessages(alice.id, conversationId);
    await expect(listMessages(alice.id, conversationId, { before: page.newerCursor ?? "x", after: "y" })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(listMessages(mallory.id, conversationId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("markSeen and unread counts", () => {
  it("counts others' unseen messages and clears them up to the seen message", async () => {
    const { alice, bob, mallory, conversationId } = await pair();
    const sent = [];
    for (const body of ["one", "two", "three"]) sent.push((await sendMessage(alice.id, conversationId, { id: id(), body })).message);
    await sendMessage(bob.id, conversationId, { id: id(), body: "my own" });
    const unreadOf = async (userId: string) =>
      (await listConversations(userId)).conversations.find((c) => c.id === conversationId)?.unreadCount;
    expect(await unreadOf(bob.id)).toBe(3);
    expect(await unreadOf(alice.id)).toBe(1);

    expect(await markSeen(bob.id, conversationId, { messageId: sent[1]!.id })).toEqual({ seenCount: 2, unreadCount: 1 });
    expect(await unreadOf(bob.id)).toBe(1);
    expect((await getConversation(bob.id, conversationId)).unreadCount).toBe(1);
    const page = await listMessages(alice.id, conversationId);
    const seenBy = Object.fromEntries(page.messages.map((m) => [m.body, m.seenBy.map((u) => u.id).sort()]));
    expect(seenBy.one).toEqual([alice.id, bob.id].sort());
    expect(seenBy.two).toEqual([alice.id, bob.id].sort());
    expect(seenBy.three).toEqual([alice.id]);

    expect(await markSeen(bob.id, conversationId, { messageId: sent[1]!.id })).toEqual({ seenCount: 0, unreadCount: 1 });
    expect(await markSeen(bob.id, conversationId, { messageId: sent[2]!.id })).toEqual({ seenCount: 1, unreadCount: 0 });
    await expect(markSeen(mallory.id, conversationId, { messageId: sent[2]!.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(markSeen(bob.id, conversationId, { messageId: "x" })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("refuses a message of another conversation with 404", async () => {
    const { alice, bob, conversationId } = await pair();
    const [carol] = await makeUsers(1, "Seen");
    const other = await startDirectConversation(alice.id, carol!.id);
    const { message } = await sendMessage(alice.id, other.conversation.id, { id: id(), body: "elsewhere" });
    await expect(markSeen(bob.id, conversationId, { messageId: message.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("computes unread counts for a whole page of conversations in one listing", async () => {
    const [me, a, b, c] = await makeUsers(4, "Unread");
    const group = await createGroup(a!.id, { name: "g", memberIds: [me!.id, b!.id] });
    const direct = (await startDirectConversation(c!.id, me!.id)).conversation;
    await sendMessage(a!.id, group.id, { id: id(), body: "1" });
    await sendMessage(b!.id, group.id, { id: id(), body: "2" });
    await sendMessage(c!.id, direct.id, { id: id(), body: "3" });
    const { conversations } = await listConversations(me!.id);
    expect(conversations.map((x) => [x.id, x.unreadCount])).toEqual([
      [direct.id, 1],
      [group.id, 2],
    ]);
  });
});

describe("searchUsers", () => {
  it("finds people I chat with by name, anyone by exact email, and never returns emails or the searcher", async () => {
    const [me, other] = await makeUsers(2, "Searchable");
    const query = other!.name!.slice(0, 14).toUpperCase();
    // A stranger's name finds nothing (issue 15): after a chat, it does.
    expect((await searchUsers(me!.id, { query })).map((u) => u.id)).not.toContain(other!.id);
    await startDirectConversation(me!.id, other!.id);
    const byName = await searchUsers(me!.id, { query });
    expect(byName.map((u) => u.id)).toContain(other!.id);
    expect(byName.map((u) => u.id)).not.toContain(me!.id);
    for (const user of byName) expect(Object.keys(user).sort()).toEqual(["about", "id", "image", "name", "username"]);
    // Only a verified address is found by exact e-mail (security round 2, item 6).
    await db.user.update({ where: { id: other!.id }, data: { emailVerified: new Date() } });
    expect((await searchUsers(me!.id, { query: other!.email.toUpperCase() })).map((u) => u.id)).toEqual([other!.id]);
    expect(await searchUsers(me!.id, { query: other!.email.slice(0, -3) })).toEqual([]);
    await expect(searchUsers(me!.id, { query: "  " })).rejects.toMatchObject({ code: "bad_request" });
    await expect(searchUsers(me!.id, {})).rejects.toMatchObject({ code: "bad_request" });
  });
});
