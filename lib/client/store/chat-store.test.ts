// The chat store's guarantees: a message is never shown twice (optimistic copy, API answer,
// realtime event and resync all merge by id), a confirmed message never turns back into a failed
// one, and unread badges count each new message once.
import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { MessageDto } from "@/lib/chat/messages/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { directSummary } from "@/tests/support/summaries";
import { createChatStore, sortConversations, type UiMessage } from "@/lib/client/store";
import { withMessageSlices } from "@/lib/client/store/message-slices";

const me: SafeUser = { id: "00000000-0000-7000-8000-000000000001", name: "Me", image: null };
const other: SafeUser = { id: "00000000-0000-7000-8000-000000000002", name: "Other", image: null };
const conversationId = "00000000-0000-7000-8000-0000000000c1";

function conversation(patch: Partial<ConversationSummary> = {}): ConversationSummary {
  return directSummary(conversationId, me, other, patch);
}

function message(id: string, sender: SafeUser, at: string, patch: Partial<UiMessage> = {}): UiMessage {
  return { id, conversationId, body: `body ${id}`, image: null, createdAt: at, sender, seenBy: [sender], deliveredTo: [], ...patch };
}

const ID1 = "00000000-0000-7000-8000-00000000000a";
const ID2 = "00000000-0000-7000-8000-00000000000b";

describe("chat store", () => {
  it("merges the optimistic copy, the API answer and the realtime event into one message", () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation()]));
    const s = () => store.getState();
    s().loadPage(conversationId, { messages: [], hasOlder: false, olderCursor: null }, "initial");
    s().mergeIncoming(conversationId, [message(ID1, me, "2026-11-22T10:01:00.000Z", { status: "sending", localImage: "blob:x" })]);
    const server: MessageDto = message(ID1, me, "2026-11-22T10:01:00.500Z");
    s().mergeIncoming(conversationId, [server]); // realtime event first
    s().mergeIncoming(conversationId, [{ ...server }]); // then the API answer
    const items = s().messages[conversationId]!.items;
    expect(items).toHaveLength(1);
    expect(items[0]!.status).toBeUndefined();
    expect(items[0]!.localImage).toBe("blob:x"); // keeps the local preview while the upload URL loads
  });

  it("never marks a confirmed message as failed (a late network error after the event arrived)", () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation()]));
    const s = () => store.getState();
    s().mergeIncoming(conversationId, [message(ID1, me, "2026-11-22T10:01:00.000Z", { status: "sending" })]);
    s().mergeIncoming(conversationId, [message(ID1, me, "2026-11-22T10:01:00.000Z")]);
    s().patchMessage(conversationId, ID1, { status: "failed", error: "Network error" }, "sending");
    expect(s().messages[conversationId]!.items[0]!.status).toBeUndefined();
    // and an optimistic copy never replaces the confirmed one
    s().mergeIncoming(conversationId, [message(ID1, me, "2026-11-22T10:01:00.000Z", { status: "sending" })]);
    expect(s().messages[conversationId]!.items[0]!.status).toBeUndefined();
  });

  it("a resync's newest page read before my send was confirmed does not drop the message", () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation()]));
    const s = () => store.getState();
    const ID3 = "00000000-0000-7000-8000-00000000000c";
    s().loadPage(
      conversationId,
      { messages: [message(ID1, other, "2026-11-22T10:00:00.000Z")], hasOlder: false, olderCursor: null },
      "initial",
    );
    // My send is confirmed while a resync's read (started before it) is on its way; a message
    // older than the page's newest that the page lacks (deleted meanwhile) does go.
    s().mergeIncoming(conversationId, [message(ID3, other, "2026-11-22T09:59:00.000Z"), message(ID2, me, "2026-11-22T10:01:00.000Z")]);
    s().replaceMessages(conversationId, [message(ID1, other, "2026-11-22T10:00:00.000Z")], false);
    expect(s().messages[conversationId]!.items.map((m) => m.id)).toEqual([ID2, ID1]);
    // An empty newest page (read as the chat was new) keeps what arrived meanwhile.
    s().replaceMessages(conversationId, [], false);
    expect(s().messages[conversationId]!.items.map((m) => m.id)).toEqual([ID2, ID1]);
  });

  it("a list resync read before my change (or an event) landed does not undo it; a chat left meanwhile stays gone", () => {
    const otherId = "00000000-0000-7000-8000-0000000000c2";
    const list = createChatStore(me, "postgresql", [conversation({ markedUnread: true }), directSummary(otherId, me, other)]);
    const s = () => list.getState();
    const heldAtRead = s().conversations;
    const stalePage = [conversation({ markedUnread: true }), directSummary(otherId, me, other)];
    s().patchConversation(conversationId, { markedUnread: false }); // "Mark as read" while the page is read
    s().removeConversation(otherId); // and I left the other chat
    s().replaceConversations(stalePage, false, 0, heldAtRead);
    expect(s().conversations[conversationId]!.markedUnread).toBe(false);
    expect(s().conversations[otherId]).toBeUndefined();
    // A page read after the change is taken as it is.
    s().replaceConversations([conversation({ markedUnread: true })], false, 0, s().conversations);
    expect(s().conversations[conversationId]!.markedUnread).toBe(true);
  });

  it("keeps events that arrive before the conversation's first page, then merges the page", () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation()]));
    const s = () => store.getState();
    s().mergeIncoming(conversationId, [message(ID2, other, "2026-11-22T10:02:00.000Z")]);
    s().loadPage(
      conversationId,
      { messages: [message(ID1, other, "2026-11-22T10:01:00.000Z")], hasOlder: true, olderCursor: "cursor" },
      "initial",
    );
    const state = s().messages[conversationId]!;
    expect(state.items.map((m) => m.id)).toEqual([ID2, ID1]);
    expect(state.hasOlder).toBe(true);
    expect(state.olderCursor).toBe("cursor");
  });

  it("counts each new message from someone else once in the unread badge, never my own or the open one", () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation()]));
    const s = () => store.getState();
    const preview = (id: string, senderId: string, at: string) => ({ id, senderId, body: "hi", hasImage: false, createdAt: at });
    s().applyConversationUpdate({ id: conversationId, lastMessage: preview(ID1, other.id, "2026-11-22T10:01:00.000Z") });
    s().applyConversationUpdate({ id: conversationId, lastMessage: preview(ID1, other.id, "2026-11-22T10:01:00.000Z") });
    expect(s().conversations[conversationId]!.unreadCount).toBe(1);
    s().applyConversationUpdate({ id: conversationId, lastMessage: preview(ID2, me.id, "2026-11-22T10:02:00.000Z") });
    expect(s().conversations[conversationId]!.unreadCount).toBe(1);
    s().setActive(conversationId);
    s().applyConversationUpdate({
      id: conversationId,
      lastMessage: preview("00000000-0000-7000-8000-00000000000c", other.id, "2026-11-22T10:03:00.000Z"),
    });
    expect(s().conversations[conversationId]!.unreadCount).toBe(1);
    // the reader's own channel reports the server's count after "mark seen"
    s().setActive(null);
    s().applyConversationUpdate({ id: conversationId, unreadCount: 0 });
    expect(s().conversations[conversationId]!.unreadCount).toBe(0);
  });

  it("applies read receipts to the messages up to the seen one", () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation()]));
    const s = () => store.getState();
    s().loadPage(
      conversationId,
      {
        messages: [message(ID2, me, "2026-11-22T10:02:00.000Z"), message(ID1, me, "2026-11-22T10:01:00.000Z")],
        hasOlder: false,
        olderCursor: null,
      },
      "initial",
    );
    s().applySeenEvent({ conversationId, user: other, upTo: { id: ID1, createdAt: "2026-11-22T10:01:00.000Z" } });
    const [newest, oldest] = s().messages[conversationId]!.items;
    expect(oldest!.seenBy.map((u) => u.id)).toContain(other.id);
    expect(newest!.seenBy.map((u) => u.id)).not.toContain(other.id);
  });
  it("forgets a removed conversation's messages, so a hidden chat that comes back starts empty", () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation()]));
    const s = () => store.getState();
    s().loadPage(
      conversationId,
      { messages: [message(ID1, other, "2026-11-22T10:01:00.000Z")], hasOlder: false, olderCursor: null },
      "initial",
    );
    s().removeConversation(conversationId);
    expect(s().conversations[conversationId]).toBeUndefined();
    s().loadPage(
      conversationId,
      { messages: [message(ID2, other, "2026-11-22T10:05:00.000Z")], hasOlder: false, olderCursor: null },
      "initial",
    );
    expect(s().messages[conversationId]?.items.map((m) => m.id)).toEqual([ID2]);
  });
  it("marks someone who just went offline as active just now", () => {
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation()]));
    const s = () => store.getState();
    s().setPresence(conversationId, [me.id, other.id]);
    s().removePresence(conversationId, other.id);
    const member = s().conversations[conversationId]!.members.find((m) => m.id === other.id)!;
    expect(Date.now() - new Date(member.lastActiveAt!).getTime()).toBeLessThan(5_000);
  });

  it("starts with the list's slices only; withMessageSlices adds the message view's once, without a change to what the list selected", () => {
    const list = createChatStore(me, "postgresql", [conversation()]);
    expect("messages" in list.getState()).toBe(false);
    expect("mergeIncoming" in list.getState()).toBe(false);
    const before = list.getState();
    const selected: unknown[] = [];
    list.subscribe((state) => selected.push(state.conversations, state.me, state.removeConversation));
    const store = withMessageSlices(list);
    expect(store).toBe(list); // the same store, not a copy
    expect(store.getState().messages).toEqual({});
    expect(store.getInitialState().messages).toEqual({}); // what server rendering and hydration read
    expect(selected.every((value) => ([before.conversations, before.me, before.removeConversation] as unknown[]).includes(value))).toBe(
      true,
    );
    store.getState().mergeIncoming(conversationId, [message(ID1, other, "2026-11-22T10:01:00.000Z")]);
    expect(withMessageSlices(list).getState().messages[conversationId]?.items).toHaveLength(1); // a second call keeps them
  });
  it("drops a removed conversation's held messages once the message view's slices are in", () => {
    const list = createChatStore(me, "postgresql", [conversation()]);
    list.getState().removeConversation(conversationId); // no message slices yet: nothing else to drop
    expect(list.getState().conversations[conversationId]).toBeUndefined();
    const store = withMessageSlices(createChatStore(me, "postgresql", [conversation()]));
    store.getState().mergeIncoming(conversationId, [message(ID1, other, "2026-11-22T10:01:00.000Z")]);
    store.getState().removeConversation(conversationId);
    expect(store.getState().conversations[conversationId]).toBeUndefined();
    expect(store.getState().messages[conversationId]).toBeUndefined();
  });

  it("keeps my Parley AI chat (pinned) first whatever its activity; the rest newest first, through a resync too", () => {
    const aiId = "00000000-0000-7000-8000-0000000000a1";
    const newerId = "00000000-0000-7000-8000-0000000000c2";
    const ai = directSummary(aiId, me, other, { lastMessageAt: "2026-11-01T10:00:00.000Z" });
    const older = conversation({ lastMessageAt: "2026-11-20T10:00:00.000Z" });
    const newer = directSummary(newerId, me, other, { lastMessageAt: "2026-11-22T10:00:00.000Z" });
    const list = createChatStore(me, "postgresql", [newer, older, ai], "cursor", aiId);
    const order = () => sortConversations(list.getState().conversations, list.getState().pinnedConversationId).map((c) => c.id);
    expect(order()).toEqual([aiId, newerId, conversationId]);
    expect(sortConversations(list.getState().conversations).map((c) => c.id)).toEqual([newerId, conversationId, aiId]);
    // A resync's newest page without the (older) pinned chat keeps it, still first.
    list.getState().replaceConversations([newer, older], true);
    expect(order()).toEqual([aiId, newerId, conversationId]);
    expect(createChatStore(me, "postgresql", [older]).getState().pinnedConversationId).toBeNull();
  });
});
