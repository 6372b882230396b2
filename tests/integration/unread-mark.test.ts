// "Mark as unread" (lib/chat/unread-mark): the member's own flag, read back in every list and
// conversation read, refused to non-members, and published to the member's own user channel so
// their other tabs and devices show the dot at once (real pusher-js client, real realtime server).
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { removeConversationForMe } from "@/lib/chat/members/operations";
import { appRealtimeClients, eventData, subscribe } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { setUnreadMark } from "@/lib/chat/unread-mark/operations";
import { db } from "@/lib/db/client";
import { userChannel } from "@/lib/realtime/channels";
import { EVENTS, parseEvent } from "@/lib/realtime/events";

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(() => db.$disconnect());

describe("mark as unread", () => {
  it("flags the conversation for me only, in the list and the conversation read, until I clear it", async () => {
    const [alice, bob] = await makeUsers(2, "Unread");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    expect(conversation.markedUnread).toBe(false);

    expect(await setUnreadMark(alice!.id, conversation.id, { unread: true })).toEqual({ markedUnread: true });
    expect((await getConversation(alice!.id, conversation.id)).markedUnread).toBe(true);
    const list = await listConversations(alice!.id);
    expect(list.conversations.find((c) => c.id === conversation.id)?.markedUnread).toBe(true);
    // Bob's view is untouched.
    expect((await getConversation(bob!.id, conversation.id)).markedUnread).toBe(false);

    expect(await setUnreadMark(alice!.id, conversation.id, { unread: false })).toEqual({ markedUnread: false });
    expect((await getConversation(alice!.id, conversation.id)).markedUnread).toBe(false);
  });

  it("is refused to non-members (404) and for bad input (400), changing nothing", async () => {
    const [alice, bob, carol, mallory] = await makeUsers(4, "UnreadDeny");
    const group = await createGroup(alice!.id, { name: "Unread deny", memberIds: [bob!.id, carol!.id] });
    await expect(setUnreadMark(mallory!.id, group.id, { unread: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(setUnreadMark(alice!.id, "not-an-id", { unread: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(setUnreadMark(alice!.id, group.id, { unread: "yes" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(setUnreadMark(alice!.id, group.id, {})).rejects.toMatchObject({ code: "bad_request" });
    expect((await getConversation(alice!.id, group.id)).markedUnread).toBe(false);
  });

  it("reaches the member's own user channel (other tabs and devices), after the write", async () => {
    const [alice, bob] = await makeUsers(2, "UnreadLive");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const otherTab = await subscribe(await realtime.connect(alice!.id), userChannel(alice!.id));
    const arrived = eventData(otherTab, EVENTS.unreadMark);
    await setUnreadMark(alice!.id, conversation.id, { unread: true });
    expect(parseEvent(EVENTS.unreadMark, await arrived)).toEqual({ id: conversation.id, markedUnread: true });
    const cleared = eventData(otherTab, EVENTS.unreadMark);
    await setUnreadMark(alice!.id, conversation.id, { unread: false });
    expect(parseEvent(EVENTS.unreadMark, await cleared)).toEqual({ id: conversation.id, markedUnread: false });
  });

  it("survives as the member's state: leaving the group removes it with the membership", async () => {
    const [alice, bob, carol] = await makeUsers(3, "UnreadLeave");
    const group = await createGroup(alice!.id, { name: "Unread leave", memberIds: [bob!.id, carol!.id] });
    await setUnreadMark(bob!.id, group.id, { unread: true });
    await removeConversationForMe(bob!.id, group.id);
    expect(await db.conversationMemberState.count({ where: { conversationId: group.id, userId: bob!.id } })).toBe(0);
  });
});
