// What the tab shows and says (issue 16): the unread total leaves muted chats out, the title
// carries it once, a notification names sender / group / preview (or "New message"), and only a
// fresh message of someone else in a chat I did not mute counts as new. Presence is unknown while
// the realtime connection is down.
import { describe, expect, it } from "vitest";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { createChatStore } from "@/lib/client/store";
import { directSummary } from "@/tests/support/summaries";
import { newMessagesBetween, notificationFor, titleWithCount, unreadTotal } from "./attention";

const me: SafeUser = { id: "00000000-0000-7000-8000-000000000001", name: "Me", image: null };
const ana: SafeUser = { id: "00000000-0000-7000-8000-000000000002", name: "Ana", image: null };
const C1 = "00000000-0000-7000-8000-0000000000c1";
const C2 = "00000000-0000-7000-8000-0000000000c2";
const preview = (id: string, senderId: string, body: string | null, at = new Date().toISOString()) => ({
  id,
  senderId,
  body,
  hasImage: body === null,
  createdAt: at,
});

describe("attention in the tab", () => {
  it("counts unread messages of chats that are not muted", () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const past = new Date(Date.now() - 1_000).toISOString();
    const conversations = {
      [C1]: directSummary(C1, me, ana, { unreadCount: 2 }),
      [C2]: directSummary(C2, me, ana, { unreadCount: 5, mutedUntil: future }),
    };
    expect(unreadTotal(conversations)).toBe(2);
    conversations[C2] = { ...conversations[C2]!, mutedUntil: past }; // an expired mute is not muted
    expect(unreadTotal(conversations)).toBe(7);
  });

  it("leaves a message request out of the count and never announces its messages until accepted", () => {
    const store = createChatStore(me, "postgresql", [directSummary(C1, me, ana, { unreadCount: 3, messageRequest: true })]);
    expect(unreadTotal(store.getState().conversations)).toBe(0);
    const before = store.getState();
    store.getState().applyConversationUpdate({ id: C1, lastMessage: preview("m1", ana.id, "hello stranger") });
    expect(newMessagesBetween(before, store.getState())).toEqual([]);
    store.getState().patchConversation(C1, { messageRequest: undefined }); // accepted (conversation:message-request)
    const accepted = store.getState();
    expect(unreadTotal(accepted.conversations)).toBe(4); // the 3 and "hello stranger"
    store.getState().applyConversationUpdate({ id: C1, lastMessage: preview("m2", ana.id, "thanks") });
    expect(newMessagesBetween(accepted, store.getState()).map((c) => c.id)).toEqual([C1]);
  });

  it("puts the count in front of the title once, and takes it away", () => {
    expect(titleWithCount("Chat · Parley", 3)).toBe("(3) Chat · Parley");
    expect(titleWithCount("(3) Chat · Parley", 4)).toBe("(4) Chat · Parley");
    expect(titleWithCount("(4) Chat · Parley", 0)).toBe("Chat · Parley");
    expect(titleWithCount("Chat · Parley", 250)).toBe("(99+) Chat · Parley");
  });

  it('says sender, group and preview, or only "New message" with previews off', () => {
    const direct = directSummary(C1, me, ana, { lastMessage: preview("m1", ana.id, `hi <@${me.id}>`) });
    expect(notificationFor(direct, me.id, true)).toEqual({ title: "Ana", body: "hi @Me", tag: `parley-chat-${C1}`, url: `/chat/${C1}` });
    expect(notificationFor(direct, me.id, false)?.body).toBe("New message");
    const group = { ...direct, isGroup: true, name: "Climbers", lastMessage: preview("m2", ana.id, null) };
    expect(notificationFor(group, me.id, true)).toMatchObject({ title: "Ana in Climbers", body: "Photo" });
  });

  it("finds fresh messages of others in chats I did not mute", () => {
    const store = createChatStore(me, "postgresql", [directSummary(C1, me, ana), directSummary(C2, me, ana)]);
    const before = store.getState();
    store.getState().applyConversationUpdate({ id: C1, lastMessage: preview("m1", ana.id, "new") });
    expect(newMessagesBetween(before, store.getState()).map((c) => c.id)).toEqual([C1]);
    const mid = store.getState();
    store.getState().applyConversationUpdate({ id: C2, lastMessage: preview("m2", me.id, "mine") });
    expect(newMessagesBetween(mid, store.getState())).toEqual([]); // my own
    const later = store.getState();
    store.getState().applyListState({ id: C1, archivedCount: 0, pinnedAt: null, mutedUntil: "9999-12-31T00:00:00.000Z", archivedAt: null });
    store.getState().applyConversationUpdate({ id: C1, lastMessage: preview("m3", ana.id, "muted") });
    expect(newMessagesBetween(later, store.getState())).toEqual([]); // muted
    const old = store.getState();
    store
      .getState()
      .applyConversationUpdate({ id: C2, lastMessage: preview("m4", ana.id, "old", new Date(Date.now() - 120_000).toISOString()) });
    expect(newMessagesBetween(old, store.getState())).toEqual([]); // not fresh (a resync of old news)
  });

  it("forgets presence while the connection is down", () => {
    const store = createChatStore(me, "postgresql", [directSummary(C1, me, ana)]);
    store.getState().setConnection("connected");
    store.getState().setPresence(C1, [ana.id]);
    store.getState().setConnection("unavailable");
    expect(store.getState().presence).toEqual({});
  });
});
