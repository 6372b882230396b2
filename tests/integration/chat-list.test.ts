// My chat list (lib/chat/chat-list, issue 15): pin (at most 5, newest pin first, on the first page
// before the keyset pages), mute (8 hours / 1 week / always; an expired mute is not muted), archive
// (my Archived folder; a new message brings the chat back unless I muted it), all mine only: never
// in another member's list or on another member's channel, refused to non-members. Real database,
// real realtime server and pusher-js clients.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { setArchived, setMuted, setPinned } from "@/lib/chat/chat-list/operations";
import { isMuted, isMutedForever } from "@/lib/chat/chat-list/dto";
import { CHAT_PINS_FULL_MESSAGE, MUTED_FOREVER } from "@/lib/chat/chat-list/limits";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { removeConversationForMe } from "@/lib/chat/members/operations";
import { sendMessage } from "@/lib/chat/messages/send";
import { db } from "@/lib/db/client";
import { userChannel } from "@/lib/realtime/channels";
import { EVENTS, parseEvent } from "@/lib/realtime/events";
import { appRealtimeClients, eventData, subscribe } from "@/tests/support/app-realtime-clients";
import { insertMessages, makeUsers } from "@/tests/support/chat-fixtures";
import { countStatements } from "@/tests/support/statements";

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(() => db.$disconnect());

const send = (senderId: string, conversationId: string, body = "hello") =>
  sendMessage(senderId, conversationId, { id: randomUUID(), body });

/** Me and `count` people, a 1:1 with each, the i-th with its newest message i minutes ago (0 newest). */
async function chats(count: number, prefix: string) {
  const [me, ...others] = await makeUsers(count + 1, prefix);
  const ids: string[] = [];
  const base = Date.now() - 60 * 60_000;
  for (const [i, other] of others.entries()) {
    const { conversation } = await startDirectConversation(me!.id, other!.id);
    await insertMessages(conversation.id, other!.id, [new Date(base - i * 60_000)]);
    ids.push(conversation.id);
  }
  return { me: me!, others: others.map((o) => o!), ids };
}

/** Every conversation of my inbox, page by page. */
async function allPages(userId: string, limit: number, folder?: "inbox" | "archived") {
  const pages: ConversationSummary[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listConversations(userId, { limit, cursor, folder });
    pages.push(page.conversations);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

/** Nothing arrives on `channel` for `event` within `ms`. */
async function silent(channel: Parameters<typeof eventData>[0], event: string, ms = 600): Promise<boolean> {
  return eventData(channel, event, ms).then(
    () => false,
    () => true,
  );
}

describe("pin", () => {
  it("puts pinned chats first, newest pin first, and keeps the keyset pages whole (each chat once)", async () => {
    const { me, ids } = await chats(7, "PinOrder");
    // The two oldest chats, pinned in this order: the later pin comes first.
    await setPinned(me.id, ids[6]!, { pinned: true });
    await new Promise((r) => setTimeout(r, 5));
    await setPinned(me.id, ids[5]!, { pinned: true });
    const first = await listConversations(me.id, { limit: 2 });
    expect(first.conversations.map((c) => c.id)).toEqual([ids[5], ids[6], ids[0], ids[1]]);
    expect(first.conversations[0]!.pinnedAt).not.toBeNull();
    expect(first.archivedCount).toBe(0);

    const pages = await allPages(me.id, 2);
    const seen = pages.flat().map((c) => c.id);
    expect(seen).toEqual([ids[5], ids[6], ids[0], ids[1], ids[2], ids[3], ids[4]]);
    expect(new Set(seen).size).toBe(7);

    // Unpinned, it goes back to its place by activity.
    expect((await setPinned(me.id, ids[5]!, { pinned: false })).pinnedAt).toBeNull();
    expect((await allPages(me.id, 3)).flat().map((c) => c.id)).toEqual([ids[6], ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]]);
  });

  it("allows at most 5 pins per user, with a clear 409, also when pinned concurrently", async () => {
    const { me, ids } = await chats(7, "PinLimit");
    for (const id of ids.slice(0, 5)) await setPinned(me.id, id, { pinned: true });
    // Pinning one that is pinned changes nothing and is not refused.
    await expect(setPinned(me.id, ids[0]!, { pinned: true })).resolves.toMatchObject({ archivedAt: null });
    await expect(setPinned(me.id, ids[5]!, { pinned: true })).rejects.toMatchObject({ code: "conflict", message: CHAT_PINS_FULL_MESSAGE });
    expect(CHAT_PINS_FULL_MESSAGE).toMatch(/at most 5/);

    // Concurrently, from a state with one free slot: only one of two pins wins.
    await setPinned(me.id, ids[0]!, { pinned: false });
    const results = await Promise.allSettled([setPinned(me.id, ids[5]!, { pinned: true }), setPinned(me.id, ids[6]!, { pinned: true })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.conversationMemberState.count({ where: { userId: me.id, pinSlot: { not: null } } })).toBe(5);
    expect((await listConversations(me.id, { limit: 1 })).conversations.filter((c) => c.pinnedAt)).toHaveLength(5);
  });

  it("the first page is two statements (page, and pins with the archived count), later pages one", async () => {
    const { me, ids } = await chats(4, "PinStatements");
    await setPinned(me.id, ids[3]!, { pinned: true });
    let cursor: string | null = null;
    expect(
      await countStatements(async () => {
        cursor = (await listConversations(me.id, { limit: 2 })).nextCursor;
      }),
    ).toBe(2);
    expect(await countStatements(() => listConversations(me.id, { limit: 2, cursor: cursor! }))).toBe(1);
  });
});

describe("mute", () => {
  it("mutes for 8 hours, a week or always, unmutes, and an expired mute is not muted", async () => {
    const [alice, bob] = await makeUsers(2, "Mute");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const before = Date.now();
    const eight = await setMuted(alice!.id, conversation.id, { mute: "8h" });
    const until = Date.parse(eight.mutedUntil!);
    expect(until).toBeGreaterThanOrEqual(before + 8 * 3_600_000);
    expect(until).toBeLessThan(Date.now() + 8 * 3_600_000 + 1000);
    expect(isMuted(eight)).toBe(true);
    expect(isMuted(eight, new Date(until + 1))).toBe(false);

    const week = await setMuted(alice!.id, conversation.id, { mute: "1w" });
    expect(Date.parse(week.mutedUntil!)).toBeGreaterThanOrEqual(before + 7 * 24 * 3_600_000);
    const always = await setMuted(alice!.id, conversation.id, { mute: "always" });
    expect(always.mutedUntil).toBe(MUTED_FOREVER.toISOString());
    expect(isMutedForever(always)).toBe(true);
    expect((await getConversation(alice!.id, conversation.id)).mutedUntil).toBe(MUTED_FOREVER.toISOString());

    expect((await setMuted(alice!.id, conversation.id, { mute: "off" })).mutedUntil).toBeNull();
    // An expired mute stays stored but is not muted.
    await db.conversationMemberState.updateMany({
      where: { conversationId: conversation.id, userId: alice!.id },
      data: { mutedUntil: new Date(Date.now() - 1000) },
    });
    expect(isMuted(await getConversation(alice!.id, conversation.id))).toBe(false);
    expect(isMuted({ mutedUntil: null })).toBe(false);
  });
});

describe("archive", () => {
  it("moves a chat to my Archived folder (unpinning it) and a new message brings it back, live", async () => {
    const [alice, bob] = await makeUsers(2, "Archive");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    await setPinned(alice!.id, conversation.id, { pinned: true });
    const archived = await setArchived(alice!.id, conversation.id, { archived: true });
    expect(archived).toMatchObject({ pinnedAt: null, archivedAt: expect.any(String) });

    const inbox = await listConversations(alice!.id);
    expect(inbox.conversations.map((c) => c.id)).not.toContain(conversation.id);
    expect(inbox.archivedCount).toBe(1);
    const folder = await listConversations(alice!.id, { folder: "archived" });
    expect(folder.conversations.map((c) => c.id)).toEqual([conversation.id]);
    expect(folder.archivedCount).toBeUndefined();

    const aliceTab = await subscribe(await realtime.connect(alice!.id), userChannel(alice!.id));
    const back = eventData(aliceTab, EVENTS.listState);
    await send(bob!.id, conversation.id);
    expect(parseEvent(EVENTS.listState, await back)).toEqual({
      id: conversation.id,
      pinnedAt: null,
      mutedUntil: null,
      archivedAt: null,
      archivedCount: 0,
    });
    expect((await listConversations(alice!.id)).conversations.map((c) => c.id)).toContain(conversation.id);
    expect((await listConversations(alice!.id, { folder: "archived" })).conversations).toEqual([]);

    // Pinning an archived chat takes it out of the folder.
    await setArchived(alice!.id, conversation.id, { archived: true });
    expect(await setPinned(alice!.id, conversation.id, { pinned: true })).toMatchObject({ archivedAt: null, pinnedAt: expect.any(String) });
    // Unarchiving by hand.
    await setArchived(alice!.id, conversation.id, { archived: true });
    expect((await setArchived(alice!.id, conversation.id, { archived: false })).archivedAt).toBeNull();
  });

  it("keeps a muted chat archived on new messages; an expired mute does not", async () => {
    const [alice, bob] = await makeUsers(2, "ArchiveMuted");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    await setMuted(alice!.id, conversation.id, { mute: "always" });
    await setArchived(alice!.id, conversation.id, { archived: true });
    const aliceTab = await subscribe(await realtime.connect(alice!.id), userChannel(alice!.id));
    const quiet = silent(aliceTab, EVENTS.listState);
    await send(bob!.id, conversation.id);
    expect(await quiet).toBe(true);
    expect((await getConversation(alice!.id, conversation.id)).archivedAt).not.toBeNull();
    expect((await listConversations(alice!.id, { folder: "archived" })).conversations.map((c) => c.id)).toEqual([conversation.id]);

    await db.conversationMemberState.updateMany({
      where: { conversationId: conversation.id, userId: alice!.id },
      data: { mutedUntil: new Date(Date.now() - 1000) },
    });
    await send(bob!.id, conversation.id);
    expect((await getConversation(alice!.id, conversation.id)).archivedAt).toBeNull();
  });

  it("my own message in my archived chat brings it back too; hiding a chat drops its pin and archive", async () => {
    const [alice, bob, carol] = await makeUsers(3, "ArchiveOwn");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    await setArchived(alice!.id, conversation.id, { archived: true });
    await send(alice!.id, conversation.id);
    expect((await getConversation(alice!.id, conversation.id)).archivedAt).toBeNull();

    await setArchived(alice!.id, conversation.id, { archived: true });
    await removeConversationForMe(alice!.id, conversation.id);
    expect((await listConversations(alice!.id)).archivedCount).toBe(0);
    await send(bob!.id, conversation.id);
    const back = await getConversation(alice!.id, conversation.id);
    expect(back).toMatchObject({ archivedAt: null, pinnedAt: null });

    // Leaving a group takes my state of it (and its place in my folder) with me.
    const group = await createGroup(alice!.id, { name: "Archive leave", memberIds: [bob!.id, carol!.id] });
    await setArchived(bob!.id, group.id, { archived: true });
    expect((await listConversations(bob!.id)).archivedCount).toBe(1);
    await removeConversationForMe(bob!.id, group.id);
    expect((await listConversations(bob!.id)).archivedCount).toBe(0);
  });
});

describe("mine only", () => {
  it("never shows my pin, mute or archive in another member's list, summary or channel", async () => {
    const [alice, bob, carol] = await makeUsers(3, "ListIsolation");
    const group = await createGroup(alice!.id, { name: "Isolation", memberIds: [bob!.id, carol!.id] });
    const bobTab = await subscribe(await realtime.connect(bob!.id), userChannel(bob!.id));
    const aliceTab = await subscribe(await realtime.connect(alice!.id), userChannel(alice!.id));
    const bobQuiet = silent(bobTab, EVENTS.listState, 1500);
    const aliceHears = eventData(aliceTab, EVENTS.listState);
    await setPinned(alice!.id, group.id, { pinned: true });
    expect(parseEvent(EVENTS.listState, await aliceHears)).toMatchObject({ id: group.id, pinnedAt: expect.any(String) });
    await setMuted(alice!.id, group.id, { mute: "1w" });
    await setArchived(alice!.id, group.id, { archived: true });
    expect(await bobQuiet).toBe(true);

    for (const other of [bob!, carol!]) {
      const summary = await getConversation(other.id, group.id);
      expect(summary).toMatchObject({ pinnedAt: null, mutedUntil: null, archivedAt: null });
      const list = await listConversations(other.id);
      expect(list.conversations.find((c) => c.id === group.id)).toMatchObject({ pinnedAt: null, mutedUntil: null, archivedAt: null });
      expect(list.archivedCount).toBe(0);
    }
    // Bob's message does not bring Alice's muted chat back; Bob's list is unchanged by it.
    await send(bob!.id, group.id);
    expect((await getConversation(alice!.id, group.id)).archivedAt).not.toBeNull();
    expect((await getConversation(bob!.id, group.id)).archivedAt).toBeNull();
  });

  it("refuses non-members (404) and bad input (400), changing nothing", async () => {
    const [alice, bob, carol, mallory] = await makeUsers(4, "ListDeny");
    const group = await createGroup(alice!.id, { name: "List deny", memberIds: [bob!.id, carol!.id] });
    await expect(setPinned(mallory!.id, group.id, { pinned: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(setMuted(mallory!.id, group.id, { mute: "always" })).rejects.toMatchObject({ code: "not_found" });
    await expect(setArchived(mallory!.id, group.id, { archived: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(setPinned(alice!.id, "not-an-id", { pinned: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(setPinned(alice!.id, group.id, { pinned: "yes" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(setMuted(alice!.id, group.id, { mute: "forever" })).rejects.toMatchObject({
      code: "bad_request",
      fields: { mute: [expect.stringContaining('"8h"')] },
    });
    await expect(setArchived(alice!.id, group.id, {})).rejects.toMatchObject({ code: "bad_request" });
    await expect(listConversations(alice!.id, { folder: "trash" })).rejects.toMatchObject({ code: "bad_request" });
    expect(await db.conversationMemberState.count({ where: { userId: mallory!.id } })).toBe(0);
    expect(await getConversation(alice!.id, group.id)).toMatchObject({ pinnedAt: null, mutedUntil: null, archivedAt: null });
  });
});
