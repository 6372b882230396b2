// The list's client rules (issue 15): pinned chats first (newest pin first), the inbox without
// archived chats, the filter row, list-state events (my other tabs), and a resync that keeps my
// archived chats and bounds the held pages by the unpinned chats only.
import { describe, expect, it } from "vitest";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { createChatStore, listView, sortConversations } from "@/lib/client/store";
import { directSummary } from "@/tests/support/summaries";

const me: SafeUser = { id: "00000000-0000-7000-8000-000000000001", name: "Me", image: null };
const other: SafeUser = { id: "00000000-0000-7000-8000-000000000002", name: "Other", image: null };
const id = (n: number) => `00000000-0000-7000-8000-0000000000${String(n).padStart(2, "0")}`;
const at = (minute: number) => `2026-11-22T10:${String(minute).padStart(2, "0")}:00.000Z`;

describe("chat list (client)", () => {
  it("orders pinned chats first, newest pin first, then by activity; filters the inbox; lists the archived apart", () => {
    const a = directSummary(id(1), me, other, { lastMessageAt: at(50), unreadCount: 2 });
    const b = directSummary(id(2), me, other, { lastMessageAt: at(10), pinnedAt: at(30) });
    const c = directSummary(id(3), me, other, { lastMessageAt: at(5), pinnedAt: at(40), isGroup: true });
    const d = directSummary(id(4), me, other, { lastMessageAt: at(55), archivedAt: at(20), unreadCount: 1 });
    const e = directSummary(id(5), me, other, { lastMessageAt: at(1), markedUnread: true, messageRequest: true });
    // A message request from someone I blocked waits for no answer.
    const f = directSummary(id(6), me, other, { lastMessageAt: at(0), messageRequest: true, blockedByMe: true });
    const sorted = sortConversations({ [a.id]: a, [b.id]: b, [c.id]: c, [d.id]: d, [e.id]: e, [f.id]: f });
    expect(listView(sorted, "inbox").map((x) => x.id)).toEqual([c.id, b.id, a.id, e.id, f.id]);
    expect(listView(sorted, "inbox", "unread").map((x) => x.id)).toEqual([a.id, e.id]);
    expect(listView(sorted, "inbox", "groups").map((x) => x.id)).toEqual([c.id]);
    expect(listView(sorted, "inbox", "requests").map((x) => x.id)).toEqual([e.id]);
    expect(listView(sorted, "archived").map((x) => x.id)).toEqual([d.id]);
    // My Parley AI chat stays before my pins.
    expect(sortConversations({ [a.id]: a, [b.id]: b }, a.id).map((x) => x.id)).toEqual([a.id, b.id]);
  });

  it("applies list-state events (held or not) with the folder's count, and a resync keeps archived and older chats", () => {
    const pinnedOld = directSummary(id(1), me, other, { lastMessageAt: at(1), pinnedAt: at(59) });
    const newest = directSummary(id(2), me, other, { lastMessageAt: at(50) });
    const older = directSummary(id(3), me, other, { lastMessageAt: at(20) });
    const archived = directSummary(id(4), me, other, { lastMessageAt: at(30), archivedAt: at(31) });
    const store = createChatStore(me, "postgresql", [pinnedOld, newest, older, archived], "cursor", null, 1);
    const s = () => store.getState();
    expect(s().archivedCount).toBe(1);

    s().applyListState({ id: newest.id, pinnedAt: null, mutedUntil: at(59), archivedAt: at(58), archivedCount: 2 });
    expect(s().conversations[newest.id]).toMatchObject({ mutedUntil: at(59), archivedAt: at(58) });
    expect(s().archivedCount).toBe(2);
    s().applyListState({ id: id(9), pinnedAt: null, mutedUntil: null, archivedAt: null, archivedCount: 1 });
    expect(s().conversations[id(9)]).toBeUndefined();
    expect(s().archivedCount).toBe(1);

    // The server's first page: my pin (old activity) and the newest unpinned chat, more beyond.
    const page = [pinnedOld, { ...newest, archivedAt: null }];
    s().replaceConversations(page, true, 1);
    expect(Object.keys(s().conversations).sort()).toEqual([id(1), id(2), id(3), id(4)]);
    // Without more pages, a chat missing from the page is gone; archived ones stay.
    s().replaceConversations(page, false, 1);
    expect(Object.keys(s().conversations).sort()).toEqual([id(1), id(2), id(4)]);
  });
});
