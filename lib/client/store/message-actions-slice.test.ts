// The message actions' store patches: reactions add and remove per user and emoji, an edit changes
// the body and the quotes of it, a deletion for everyone leaves a tombstone (no content, no
// reactions) and says so in replies, and "deleted for me" drops the message and clears the preview.
import { describe, expect, it } from "vitest";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { createChatStore, type UiMessage } from "@/lib/client/store";
import { withMessageSlices } from "@/lib/client/store/message-slices";
import { directSummary } from "@/tests/support/summaries";
import { withReaction } from "./message-actions-slice";

const me: SafeUser = { id: "00000000-0000-7000-8000-000000000001", name: "Me", image: null };
const other: SafeUser = { id: "00000000-0000-7000-8000-000000000002", name: "Other", image: null };
const conversationId = "00000000-0000-7000-8000-0000000000c1";
const A = "00000000-0000-7000-8000-00000000000a";
const B = "00000000-0000-7000-8000-00000000000b";

const message = (id: string, sender: SafeUser, patch: Partial<UiMessage> = {}): UiMessage => ({
  id,
  conversationId,
  body: `body ${id}`,
  image: null,
  createdAt: "2026-11-22T10:00:00.000Z",
  sender,
  seenBy: [sender],
  deliveredTo: [],
  ...patch,
});

function storeWith(messages: UiMessage[]) {
  const conversation = directSummary(conversationId, me, other, {
    lastMessage: { id: messages[0]!.id, senderId: messages[0]!.sender.id, body: "x", hasImage: false, createdAt: messages[0]!.createdAt },
  });
  const store = withMessageSlices(createChatStore(me, "postgresql", [conversation]));
  store.getState().loadPage(conversationId, { messages, hasOlder: false, olderCursor: null }, "initial");
  return store;
}
const held = (store: ReturnType<typeof storeWith>, id: string) => store.getState().messages[conversationId]!.items.find((m) => m.id === id);

describe("message actions in the store", () => {
  it("counts reactions per emoji and user, dropping an emoji nobody uses any more", () => {
    let r = withReaction([], me.id, "👍", true);
    r = withReaction(r, other.id, "👍", true);
    r = withReaction(r, other.id, "🎉", true);
    expect(r).toEqual([
      { emoji: "👍", userIds: [me.id, other.id] },
      { emoji: "🎉", userIds: [other.id] },
    ]);
    expect(withReaction(r, me.id, "👍", true)).toBe(r); // already there: unchanged
    r = withReaction(r, other.id, "🎉", false);
    expect(r).toEqual([{ emoji: "👍", userIds: [me.id, other.id] }]);
  });

  it("applies edits and deletions to the message and to the replies quoting it", () => {
    const store = storeWith([
      message(B, me, { replyTo: { id: A, sender: other, snippet: "body", hasImage: false, deleted: false } }),
      message(A, other, { reactions: [{ emoji: "👍", userIds: [me.id] }] }),
    ]);
    store.getState().applyMessageUpdate(conversationId, A, { body: "fixed", editedAt: "2026-11-22T10:01:00.000Z" });
    expect(held(store, A)).toMatchObject({ body: "fixed", editedAt: "2026-11-22T10:01:00.000Z" });
    expect(held(store, B)?.replyTo?.snippet).toBe("fixed");
    store.getState().applyReaction(conversationId, A, other.id, "👍", true);
    expect(held(store, A)?.reactions).toEqual([{ emoji: "👍", userIds: [me.id, other.id] }]);

    store.getState().applyMessageUpdate(conversationId, A, { deleted: true });
    expect(held(store, A)).toMatchObject({ body: null, image: null, deleted: true, reactions: undefined });
    expect(held(store, B)?.replyTo).toMatchObject({ deleted: true, snippet: null });
    store.getState().applyReaction(conversationId, A, other.id, "🎉", true);
    expect(held(store, A)?.reactions).toBeUndefined();
  });

  it("drops a message deleted for me and clears the list preview that showed it", () => {
    const store = storeWith([message(B, other), message(A, other)]);
    store.getState().dropMessage(conversationId, B);
    expect(store.getState().messages[conversationId]!.items.map((m) => m.id)).toEqual([A]);
    expect(store.getState().conversations[conversationId]!.lastMessage).toBeNull();
  });
});
