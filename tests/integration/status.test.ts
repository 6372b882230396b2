// My status (issue 15, lib/chat/status) on the real database and the real realtime server: busy
// and away show in the summaries others read and reach them live on our chats' presence channels
// (and my own devices on my user channel); invisible is refused every presence channel and stops
// my last activity; a busy callee is not rung (the call is refused as busy and logged); bad input
// is a 400 that changes nothing.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startCall } from "@/lib/chat/calls/operations";
import { listMyCalls } from "@/lib/chat/calls/reads";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation } from "@/lib/chat/conversations/reads";
import { setPrivacy } from "@/lib/chat/privacy/operations";
import { setAway, setStatus } from "@/lib/chat/status/operations";
import { myStatus } from "@/lib/chat/status/reads";
import { db } from "@/lib/db/client";
import { authorizeChannel } from "@/lib/realtime/authorize";
import { conversationPresenceChannel, userChannel } from "@/lib/realtime/channels";
import { EVENTS, parseEvent } from "@/lib/realtime/events";
import { touchActivity } from "@/lib/users/activity";
import { appRealtimeClients, eventData, subscribe } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(() => db.$disconnect());

async function pair(prefix: string) {
  const [alice, bob] = await makeUsers(2, prefix);
  const { conversation } = await startDirectConversation(alice!.id, bob!.id);
  return { alice: alice!, bob: bob!, directId: conversation.id };
}

/** How `viewerId` sees `userId` in a conversation's summary. */
const seenBy = async (viewerId: string, conversationId: string, userId: string) =>
  (await getConversation(viewerId, conversationId)).members.find((m) => m.id === userId)!;

describe("my status", () => {
  it("is online by default; busy and away show in the summaries others read (to my last seen's audience); online clears them", async () => {
    const { alice, bob, directId } = await pair("StatusShow");
    expect(await myStatus(alice.id)).toEqual({ status: "online", away: false });
    expect((await seenBy(bob.id, directId, alice.id)).status).toBeUndefined();

    expect(await setStatus(alice.id, { status: "busy" })).toEqual({ status: "busy", away: false });
    expect((await seenBy(bob.id, directId, alice.id)).status).toBe("busy");
    // Busy says more than away: it stays what others see while my devices are idle.
    expect(await setAway(alice.id, { away: true })).toEqual({ status: "busy", away: true });
    expect((await seenBy(bob.id, directId, alice.id)).status).toBe("busy");

    expect(await setStatus(alice.id, { status: "online" })).toEqual({ status: "online", away: true });
    expect((await seenBy(bob.id, directId, alice.id)).status).toBe("away");
    expect(await setAway(alice.id, { away: false })).toEqual({ status: "online", away: false });
    expect((await seenBy(bob.id, directId, alice.id)).status).toBeUndefined();

    // The same audience as my last seen (lib/chat/privacy): "nobody" hides busy too.
    await setStatus(alice.id, { status: "busy" });
    await setPrivacy(alice.id, { lastSeen: "nobody" });
    expect((await seenBy(bob.id, directId, alice.id)).status).toBeUndefined();
    await setPrivacy(alice.id, { lastSeen: "everyone" });
    expect((await seenBy(bob.id, directId, alice.id)).status).toBe("busy");
  });

  it("refuses bad input (400) and changes nothing", async () => {
    const { alice } = await pair("StatusBad");
    await setStatus(alice.id, { status: "busy" });
    for (const input of [{ status: "away" }, { status: "BUSY" }, { status: 3 }, {}]) {
      await expect(setStatus(alice.id, input)).rejects.toMatchObject({ code: "bad_request", status: 400 });
    }
    await expect(setAway(alice.id, { away: "yes" })).rejects.toMatchObject({ code: "bad_request" });
    expect(await myStatus(alice.id)).toEqual({ status: "busy", away: false });
  });

  it("reaches my other devices and, on our chats' presence channels, the people there — once per change", async () => {
    const [alice, bob, carol, dave] = await makeUsers(4, "StatusLive");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const group = await createGroup(carol!.id, { name: "Status group", memberIds: [alice!.id, dave!.id] });
    const myOtherTab = await subscribe(await realtime.connect(alice!.id), userChannel(alice!.id));
    const bobSees = await subscribe(await realtime.connect(bob!.id), conversationPresenceChannel(conversation.id));
    const carolSees = await subscribe(await realtime.connect(carol!.id), conversationPresenceChannel(group.id));

    const mine = eventData(myOtherTab, EVENTS.status);
    const bobs = eventData(bobSees, EVENTS.memberStatus);
    const carols = eventData(carolSees, EVENTS.memberStatus);
    await setStatus(alice!.id, { status: "busy" });
    expect(parseEvent(EVENTS.status, await mine)).toEqual({ status: "busy", away: false });
    expect(parseEvent(EVENTS.memberStatus, await bobs)).toEqual({ userId: alice!.id, status: "busy" });
    expect(parseEvent(EVENTS.memberStatus, await carols)).toEqual({ userId: alice!.id, status: "busy" });

    // Away twice (two idle devices): one change, told once; the second tells nobody.
    await setStatus(alice!.id, { status: "online" });
    const first = await setAway.run(alice!.id, { away: true });
    const second = await setAway.run(alice!.id, { away: true });
    expect(first.events.map((e) => e.event)).toEqual([EVENTS.status, EVENTS.memberStatus]);
    expect(first.events[1]!.payload).toEqual({ userId: alice!.id, status: "away" });
    expect(second.events).toEqual([]);
  });

  it("invisible: refused every presence channel (offline to all), last activity frozen; back online, both return", async () => {
    const { alice, bob, directId } = await pair("StatusInvisible");
    const channel = conversationPresenceChannel(directId);
    await expect(authorizeChannel(alice.id, { socket_id: "123.456", channel_name: channel })).resolves.toBeTruthy();

    const before = new Date(Date.now() - 60 * 60_000);
    await db.userActivity.upsert({
      where: { userId: alice.id },
      create: { userId: alice.id, lastActiveAt: before },
      update: { lastActiveAt: before },
    });
    const bobsTab = await subscribe(await realtime.connect(bob.id), channel);
    const told = eventData(bobsTab, EVENTS.memberStatus);
    await setStatus(alice.id, { status: "invisible" });
    expect(parseEvent(EVENTS.memberStatus, await told)).toEqual({ userId: alice.id, status: null });
    await expect(authorizeChannel(alice.id, { socket_id: "123.456", channel_name: channel })).rejects.toMatchObject({
      code: "forbidden",
    });
    // My activity while invisible is not recorded: Bob's "last seen" stays at the moment I went invisible.
    const frozen = (await seenBy(bob.id, directId, alice.id)).lastActiveAt;
    await touchActivity(alice.id, Date.now() + 5 * 60_000);
    expect((await seenBy(bob.id, directId, alice.id)).lastActiveAt).toBe(frozen);
    expect((await seenBy(bob.id, directId, alice.id)).status).toBeUndefined();

    await setStatus(alice.id, { status: "online" });
    await expect(authorizeChannel(alice.id, { socket_id: "123.456", channel_name: channel })).resolves.toBeTruthy();
    const later = Date.now() + 10 * 60_000;
    await touchActivity(alice.id, later);
    expect((await seenBy(bob.id, directId, alice.id)).lastActiveAt).toBe(new Date(later).toISOString());
  });

  it("busy: a call to me is not rung — refused as busy (do not disturb) and in both call logs", async () => {
    const { alice, bob, directId } = await pair("StatusCall");
    await setStatus(bob.id, { status: "busy" });
    await expect(startCall(alice.id, directId, { type: "voice" })).rejects.toMatchObject({
      code: "conflict",
      message: `${bob.name} is busy (do not disturb).`,
    });
    expect((await listMyCalls(bob.id)).items[0]).toMatchObject({ conversationId: directId, direction: "missed", status: "missed" });
    expect(await db.callParticipant.count({ where: { userId: bob.id, status: "ringing" } })).toBe(0);

    // In a group, the busy member is marked busy and the others ring.
    const [carol] = await makeUsers(1, "StatusCallGroup");
    const group = await createGroup(alice.id, { name: "Busy status group", memberIds: [bob.id, carol!.id] });
    const { call } = await startCall(alice.id, group.id, { type: "voice" });
    const statuses = Object.fromEntries(call.participants.map((p) => [p.user.id, p.status]));
    expect(statuses).toMatchObject({ [bob.id]: "busy", [carol!.id]: "ringing" });

    await setStatus(bob.id, { status: "online" });
    const { conversation } = await startDirectConversation(carol!.id, bob.id);
    const { call: rung } = await startCall(carol!.id, conversation.id, { type: "voice" });
    expect(Object.fromEntries(rung.participants.map((p) => [p.user.id, p.status]))[bob.id]).toBe("ringing");
  });
});
