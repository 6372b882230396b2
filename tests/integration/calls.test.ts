// Calls (issue 18) on the real database and the real realtime server: the state machine (ring →
// accept → active → end, decline, ring timeout → missed by the server's timer and by lazy expiry,
// the caller giving up, busy, glare, late join, the participant limit, a silent tab leaving),
// the authorization of every signalling path (non-member 404, not in the call 403, stale ignored,
// bad and oversized input 400/413), TURN credentials for participants only, the call log rows, and
// cascades.
import { createHmac } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";

// Before any module reads the environment (serverEnv is read once per test file's fork).
process.env.CALL_RING_TIMEOUT_SECONDS = "2";
process.env.TURN_URLS = "turn:127.0.0.1:3478?transport=udp";
process.env.TURN_SECRET = "calls-test-secret";
process.env.STUN_URLS = "stun:127.0.0.1:3478";

const { createGroup, startDirectConversation } = await import("@/lib/chat/conversations/operations");
const { callAction, conversationCall, getCall, myCurrentCall, signalCall, startCall } = await import("@/lib/chat/calls/operations");
const { listMyCalls, conversationCallLog } = await import("@/lib/chat/calls/reads");
const { describeCall } = await import("@/lib/chat/calls/dto");
const { CALL_SCREEN_SHARES_MAX, CALL_SIGNAL_DATA_MAX } = await import("@/lib/chat/calls/limits");
const { db } = await import("@/lib/db/client");
const { userChannel } = await import("@/lib/realtime/channels");
const { EVENTS, parseEvent } = await import("@/lib/realtime/events");
const { appRealtimeClients, eventData, subscribe } = await import("@/tests/support/app-realtime-clients");
const { makeUsers } = await import("@/tests/support/chat-fixtures");
const { makeRequest } = await import("@/tests/security/support");
const { setSessionResolverForTests } = await import("@/lib/http/route");

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(async () => {
  setSessionResolverForTests(null);
  await db.$disconnect();
});

async function pair(prefix: string) {
  const [alice, bob, mallory] = await makeUsers(3, prefix);
  const { conversation } = await startDirectConversation(alice!.id, bob!.id);
  return { alice: alice!, bob: bob!, mallory: mallory!, conversationId: conversation.id };
}

async function group(prefix: string, size: number) {
  const users = await makeUsers(size + 1, prefix);
  const [admin, ...rest] = users.slice(0, size);
  const g = await createGroup(admin!.id, { name: `${prefix} group`, memberIds: rest.map((u) => u.id) });
  return { members: users.slice(0, size), outsider: users[size]!, groupId: g.id };
}

const statusOf = (call: { participants: { user: { id: string }; status: string }[] }, userId: string) =>
  call.participants.find((p) => p.user.id === userId)?.status;

/** Moves a call's clock back, as if it had started `seconds` ago (a lost timer: only lazy expiry is left). */
async function age(callId: string, seconds: number) {
  const past = new Date(Date.now() - seconds * 1000);
  await db.call.update({ where: { id: callId }, data: { createdAt: past } });
  await db.callParticipant.updateMany({ where: { callId }, data: { invitedAt: past } });
}

describe("the call state machine", () => {
  it("rings every tab of the callee, connects on accept, ends for everyone on hang-up, and logs it", async () => {
    const { alice, bob, conversationId } = await pair("CallFlow");
    const bobTab1 = await subscribe(await realtime.connect(bob.id), userChannel(bob.id));
    const bobTab2 = await subscribe(await realtime.connect(bob.id), userChannel(bob.id));
    const aliceTab = await subscribe(await realtime.connect(alice.id), userChannel(alice.id));
    const rang = [eventData(bobTab1, EVENTS.callUpdate), eventData(bobTab2, EVENTS.callUpdate)];

    const started = await startCall(alice.id, conversationId, { type: "video" });
    expect(started.joined).toBe(false);
    expect(started.call).toMatchObject({ status: "ringing", type: "video", caller: { id: alice.id, name: alice.name } });
    expect(statusOf(started.call, alice.id)).toBe("joined");
    expect(statusOf(started.call, bob.id)).toBe("ringing");
    for (const ring of rang) {
      const event = parseEvent(EVENTS.callUpdate, await ring);
      expect(event).toMatchObject({ id: started.call.id, status: "ringing" });
      expect(JSON.stringify(event)).not.toContain("@"); // no e-mail addresses
    }

    const connected = eventData(aliceTab, EVENTS.callUpdate);
    const accepted = await callAction(bob.id, started.call.id, { action: "accept" });
    expect(accepted.status).toBe("active");
    expect(accepted.startedAt).not.toBeNull();
    expect(statusOf(accepted, bob.id)).toBe("joined");
    expect(parseEvent(EVENTS.callUpdate, await connected)).toMatchObject({ status: "active" });

    // A reload rejoins: my current call is this one, and accepting again is idempotent.
    expect((await myCurrentCall(bob.id)).call?.id).toBe(started.call.id);
    expect((await callAction(bob.id, started.call.id, { action: "accept" })).status).toBe("active");

    const endedForAlice = eventData(aliceTab, EVENTS.callUpdate);
    const endedForBob = eventData(bobTab1, EVENTS.callUpdate);
    const ended = await callAction(bob.id, started.call.id, { action: "hangup" });
    expect(ended.status).toBe("ended");
    expect(ended.participants.every((p) => p.status === "left")).toBe(true);
    expect(parseEvent(EVENTS.callUpdate, await endedForAlice)).toMatchObject({ status: "ended" });
    expect(parseEvent(EVENTS.callUpdate, await endedForBob)).toMatchObject({ status: "ended" });
    expect((await myCurrentCall(alice.id)).call).toBeNull();

    const [aliceLog, bobLog] = [await listMyCalls(alice.id), await listMyCalls(bob.id)];
    expect(aliceLog.items[0]).toMatchObject({
      id: started.call.id,
      direction: "outgoing",
      status: "ended",
      title: bob.name,
      type: "video",
    });
    expect(bobLog.items[0]).toMatchObject({ id: started.call.id, direction: "incoming", status: "ended", title: alice.name });
    expect(bobLog.items[0]!.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(describeCall({ type: "video", status: "ended", durationSeconds: 720 })).toBe("Video call, 12 min");
    const timeline = await conversationCallLog(bob.id, conversationId);
    expect(timeline[0]).toMatchObject({ id: started.call.id, status: "ended" });

    // A new call after the end is a new call.
    const again = await startCall(bob.id, conversationId, { type: "voice" });
    expect(again.call.id).not.toBe(started.call.id);
    await callAction(bob.id, again.call.id, { action: "hangup" });
  });

  it("decline ends a 1:1 call as declined; the caller giving up makes it missed", async () => {
    const { alice, bob, conversationId } = await pair("CallDecline");
    const first = await startCall(alice.id, conversationId, { type: "voice" });
    const declined = await callAction(bob.id, first.call.id, { action: "decline" });
    expect(declined.status).toBe("declined");
    expect(declined.endedAt).not.toBeNull();
    expect(statusOf(declined, bob.id)).toBe("declined");
    expect(describeCall({ type: "voice", status: "declined", durationSeconds: null })).toBe("Declined voice call");

    const second = await startCall(alice.id, conversationId, { type: "voice" });
    const cancelled = await callAction(alice.id, second.call.id, { action: "hangup" });
    expect(cancelled.status).toBe("missed");
    expect(statusOf(cancelled, bob.id)).toBe("missed");
    const log = await listMyCalls(bob.id);
    expect(log.items.map((item) => [item.id, item.direction, item.status])).toEqual([
      [second.call.id, "missed", "missed"],
      [first.call.id, "incoming", "declined"],
    ]);
    expect(describeCall(log.items[0]!)).toBe("Missed voice call");
    // Declining an ended call changes nothing.
    expect((await callAction(bob.id, first.call.id, { action: "decline" })).status).toBe("declined");
  });

  it("an unanswered call is missed after the ring timeout: the server's timer tells every tab", async () => {
    const { alice, bob, conversationId } = await pair("CallTimeout");
    const bobTab = await subscribe(await realtime.connect(bob.id), userChannel(bob.id));
    const rang = eventData(bobTab, EVENTS.callUpdate);
    const { call } = await startCall(alice.id, conversationId, { type: "voice" });
    await rang;
    const missed = eventData(bobTab, EVENTS.callUpdate, 6000);
    expect(parseEvent(EVENTS.callUpdate, await missed)).toMatchObject({ id: call.id, status: "missed" });
    const row = await db.call.findUniqueOrThrow({ where: { id: call.id }, select: { status: true, activeKey: true } });
    expect(row).toEqual({ status: "missed", activeKey: null });
    expect(await db.callParticipant.count({ where: { callId: call.id, busyKey: { not: null } } })).toBe(0);
    expect((await listMyCalls(bob.id)).items[0]).toMatchObject({ id: call.id, direction: "missed" });
  });

  it("lazy expiry: with no timer left (a crashed instance), reading the call settles it as missed", async () => {
    const { alice, bob, conversationId } = await pair("CallLazy");
    const { call } = await startCall(alice.id, conversationId, { type: "video" });
    await age(call.id, 60);
    // Alice is free again at once: starting a new call settles the old one.
    expect((await getCall(bob.id, call.id)).call).toMatchObject({ status: "missed" });
    const next = await startCall(alice.id, conversationId, { type: "video" });
    expect(next.joined).toBe(false);
    await callAction(alice.id, next.call.id, { action: "hangup" });
  });

  it("a joined participant whose tab went silent has left; a running call with one person left ends", async () => {
    const { alice, bob, conversationId } = await pair("CallStale");
    const { call } = await startCall(alice.id, conversationId, { type: "voice" });
    await callAction(bob.id, call.id, { action: "accept" });
    expect((await callAction(alice.id, call.id, { action: "heartbeat" })).status).toBe("active");
    await db.callParticipant.updateMany({
      where: { callId: call.id, userId: bob.id },
      data: { lastSeenAt: new Date(Date.now() - 60_000) },
    });
    const settled = (await getCall(alice.id, call.id)).call!;
    expect(settled.status).toBe("ended");
    expect(statusOf(settled, bob.id)).toBe("left");
    await expect(callAction(bob.id, call.id, { action: "heartbeat" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("busy: nobody is in two calls; a 1:1 callee in another call is busy, a group's busy member is marked busy", async () => {
    const [alice, bob, carol, dave] = await makeUsers(4, "CallBusy");
    const ab = (await startDirectConversation(alice!.id, bob!.id)).conversation.id;
    const cb = (await startDirectConversation(carol!.id, bob!.id)).conversation.id;
    const ac = (await startDirectConversation(alice!.id, carol!.id)).conversation.id;
    const g = await createGroup(carol!.id, { name: "Busy group", memberIds: [bob!.id, dave!.id] });

    const { call } = await startCall(alice!.id, ab, { type: "voice" });
    await callAction(bob!.id, call.id, { action: "accept" });
    const bobTab = await subscribe(await realtime.connect(bob!.id), userChannel(bob!.id));
    const told = eventData(bobTab, EVENTS.callUpdate);
    await expect(startCall(carol!.id, cb, { type: "voice" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/busy/),
    });
    // The refused call is in both logs, as WhatsApp shows it: a missed call for Bob (who was busy,
    // never rung), an unanswered outgoing one for Carol; Bob's tabs hear of it (the one in the
    // other call ignores it), and Bob stays in his call.
    const busyEvent = parseEvent(EVENTS.callUpdate, await told)!;
    expect(busyEvent).toMatchObject({ conversationId: cb, status: "missed", caller: { id: carol!.id } });
    expect(statusOf(busyEvent, bob!.id)).toBe("busy");
    expect(statusOf(busyEvent, carol!.id)).toBe("left");
    expect((await listMyCalls(bob!.id)).items[0]).toMatchObject({
      id: busyEvent.id,
      conversationId: cb,
      direction: "missed",
      status: "missed",
      title: carol!.name,
      durationSeconds: null,
    });
    expect((await listMyCalls(carol!.id)).items[0]).toMatchObject({ id: busyEvent.id, direction: "outgoing", status: "missed" });
    expect(await conversationCallLog(bob!.id, cb)).toEqual([expect.objectContaining({ id: busyEvent.id, status: "missed" })]);
    expect(await db.call.findUniqueOrThrow({ where: { id: busyEvent.id }, select: { activeKey: true } })).toEqual({ activeKey: null });
    expect(await db.callParticipant.count({ where: { callId: busyEvent.id, busyKey: { not: null } } })).toBe(0);
    expect((await myCurrentCall(bob!.id)).call).toMatchObject({ id: call.id, status: "active" });
    expect((await myCurrentCall(carol!.id)).call).toBeNull();
    await expect(startCall(alice!.id, ac, { type: "voice" })).rejects.toMatchObject({
      code: "conflict",
      message: "You are already in a call.",
    });
    const groupCall = await startCall(carol!.id, g.id, { type: "video" });
    expect(statusOf(groupCall.call, bob!.id)).toBe("busy");
    expect(statusOf(groupCall.call, dave!.id)).toBe("ringing");
    // Bob cannot accept the group call while in the 1:1 (one call at a time, even when racing).
    await expect(callAction(bob!.id, groupCall.call.id, { action: "accept" })).rejects.toMatchObject({ code: "conflict" });
    await callAction(bob!.id, call.id, { action: "hangup" });
    // Free again: a busy member may join the running group call late.
    await callAction(dave!.id, groupCall.call.id, { action: "accept" });
    expect(statusOf(await callAction(bob!.id, groupCall.call.id, { action: "accept" }), bob!.id)).toBe("joined");
    for (const user of [bob!, carol!, dave!]) await callAction(user.id, groupCall.call.id, { action: "hangup" });
  });

  it("a group call where everyone is busy is refused and still logged for all, each callee busy", async () => {
    const { members, groupId } = await group("CallAllBusy", 3);
    const [admin, bob, carol] = members;
    const { conversation } = await startDirectConversation(bob!.id, carol!.id);
    const theirs = await startCall(bob!.id, conversation.id, { type: "voice" });
    await callAction(carol!.id, theirs.call.id, { action: "accept" });
    await expect(startCall(admin!.id, groupId, { type: "video" })).rejects.toMatchObject({
      code: "conflict",
      message: "Everyone is busy on another call.",
    });
    const logged = await db.call.findMany({
      where: { conversationId: groupId },
      select: { status: true, activeKey: true, participants: { select: { userId: true, status: true, busyKey: true } } },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ status: "missed", activeKey: null });
    expect(Object.fromEntries(logged[0]!.participants.map((p) => [p.userId, [p.status, p.busyKey]]))).toEqual({
      [admin!.id]: ["left", null],
      [bob!.id]: ["busy", null],
      [carol!.id]: ["busy", null],
    });
    // Their call goes on untouched.
    expect((await getCall(bob!.id, theirs.call.id)).call!.status).toBe("active");
    for (const user of [bob!, carol!]) await callAction(user.id, theirs.call.id, { action: "hangup" });
  });

  it("glare: both start a call at once, and they end up in one call", async () => {
    const { alice, bob, conversationId } = await pair("CallGlare");
    // Several rounds: the interleavings differ (one sees the other's call, its ringing, or a
    // unique-key refusal), and each must end in one call.
    for (let round = 1; round <= 4; round++) {
      const [a, b] = await Promise.all([
        startCall(alice.id, conversationId, { type: "video" }),
        startCall(bob.id, conversationId, { type: "video" }),
      ]);
      expect(a.call.id).toBe(b.call.id);
      expect([a.joined, b.joined].sort()).toEqual([false, true]);
      const final = (await getCall(alice.id, a.call.id)).call!;
      expect(final.status).toBe("active");
      expect(final.participants.map((p) => p.status)).toEqual(["joined", "joined"]);
      expect(await db.call.count({ where: { conversationId } })).toBe(round);
      await callAction(alice.id, a.call.id, { action: "hangup" });
      await callAction(bob.id, a.call.id, { action: "hangup" });
    }
  });

  it("group: late join from the header after the ring was missed, and at most 6 people at once", async () => {
    const { members, groupId } = await group("CallGroup", 8);
    const [admin, ...rest] = members;
    const { call } = await startCall(admin!.id, groupId, { type: "video" });
    for (const user of rest.slice(0, 4)) await callAction(user.id, call.id, { action: "accept" });
    await age(call.id, 60); // the others' rings are missed now; the call keeps running
    const seen = (await conversationCall(rest[6]!.id, groupId)).call!;
    expect(seen.status).toBe("active");
    expect(statusOf(seen, rest[6]!.id)).toBe("missed");
    // Late join by a member whose ring was missed: joined (6 people now).
    expect(statusOf(await callAction(rest[4]!.id, call.id, { action: "accept" }), rest[4]!.id)).toBe("joined");
    // The 7th is refused, and not counted.
    await expect(callAction(rest[5]!.id, call.id, { action: "accept" })).rejects.toMatchObject({
      code: "conflict",
      message: "This call is full (at most 6 people).",
    });
    // Starting a call in the group while one runs joins it (and is refused the same way when full).
    await expect(startCall(rest[6]!.id, groupId, { type: "voice" })).rejects.toMatchObject({ code: "conflict" });
    await callAction(rest[0]!.id, call.id, { action: "hangup" });
    const joined = await startCall(rest[6]!.id, groupId, { type: "voice" });
    expect(joined).toMatchObject({ joined: true, call: { id: call.id } });
    expect(joined.call.participants.filter((p) => p.status === "joined")).toHaveLength(6);
    // Screen shares are recorded on the participant.
    const sharing = await callAction(admin!.id, call.id, { action: "screen-start" });
    expect(sharing.participants.find((p) => p.user.id === admin!.id)!.sharing).toBe(true);
    await callAction(admin!.id, call.id, { action: "screen-stop" });
    const shares = await db.callParticipant.findFirstOrThrow({
      where: { callId: call.id, userId: admin!.id },
      select: { screenShares: true },
    });
    expect(shares.screenShares).toEqual([{ startedAt: expect.any(String), endedAt: expect.any(String) }]);
    // …and read back with the call (GET /api/calls/:id), for everyone in its chat; the record keeps the newest 20.
    const read = (await getCall(rest[1]!.id, call.id)).call!;
    expect(read.participants.find((p) => p.user.id === admin!.id)).toMatchObject({
      sharing: false,
      screenShares: [{ startedAt: expect.any(String), endedAt: expect.any(String) }],
    });
    for (let share = 0; share < CALL_SCREEN_SHARES_MAX; share++) {
      await callAction(admin!.id, call.id, { action: "screen-start" });
      await callAction(admin!.id, call.id, { action: "screen-stop" });
    }
    const capped = (await getCall(admin!.id, call.id)).call!.participants.find((p) => p.user.id === admin!.id)!;
    expect(capped.screenShares).toHaveLength(CALL_SCREEN_SHARES_MAX);
    const [oldest] = read.participants.find((p) => p.user.id === admin!.id)!.screenShares;
    expect(capped.screenShares).not.toContainEqual(oldest);
    for (const user of members) await callAction(user.id, call.id, { action: "hangup" }).catch(() => undefined);
    expect((await getCall(admin!.id, call.id)).call!.status).toBe("ended");
  });
});

describe("authorization of every signalling path", () => {
  it("only a call's joined people signal each other, on the target's channel; the rest is refused or ignored", async () => {
    const { members, outsider, groupId } = await group("CallSig", 3);
    const [admin, member, third] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const { call } = await startCall(admin.id, groupId, { type: "video" });
    await callAction(member.id, call.id, { action: "accept" });
    const memberTab = await subscribe(await realtime.connect(member.id), userChannel(member.id));
    const signal = eventData(memberTab, EVENTS.callSignal);
    expect(await signalCall(admin.id, call.id, { to: member.id, kind: "offer", data: "v=0 offer" })).toEqual({ delivered: true });
    expect(parseEvent(EVENTS.callSignal, await signal)).toEqual({ callId: call.id, from: admin.id, kind: "offer", data: "v=0 offer" });

    // A non-member: 404 on every path, like a call that does not exist.
    await expect(signalCall(outsider.id, call.id, { to: admin.id, kind: "offer", data: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(callAction(outsider.id, call.id, { action: "accept" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getCall(outsider.id, call.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(conversationCall(outsider.id, groupId)).rejects.toMatchObject({ code: "not_found" });
    await expect(startCall(outsider.id, groupId, { type: "voice" })).rejects.toMatchObject({ code: "not_found" });
    await expect(
      signalCall(admin.id, "00000000-0000-7000-8000-000000000000", { to: member.id, kind: "ice", data: "{}" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    // Only to people of that call: an outsider target, or myself, is refused.
    await expect(signalCall(admin.id, call.id, { to: outsider.id, kind: "offer", data: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(signalCall(admin.id, call.id, { to: admin.id, kind: "offer", data: "x" })).rejects.toMatchObject({ code: "forbidden" });
    // Ringing, not joined: ignored (the tab signals once it accepted).
    expect(await signalCall(third.id, call.id, { to: admin.id, kind: "offer", data: "x" })).toEqual({ delivered: false });
    expect(await signalCall(admin.id, call.id, { to: third.id, kind: "offer", data: "x" })).toEqual({ delivered: false });
    // Bad input: 400.
    await expect(signalCall(admin.id, call.id, { to: member.id, kind: "bye", data: "x" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      signalCall(admin.id, call.id, { to: member.id, kind: "offer", data: "x".repeat(CALL_SIGNAL_DATA_MAX + 1) }),
    ).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(callAction(admin.id, call.id, { action: "explode" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(startCall(admin.id, groupId, { type: "hologram" })).rejects.toMatchObject({ code: "bad_request" });

    // TURN credentials: only for people rung or joined, a REST credential coturn can verify.
    const { iceServers } = await getCall(member.id, call.id);
    const turn = iceServers.find((server) => String(server.urls).startsWith("turn:"))!;
    expect(turn.username).toMatch(new RegExp(`^\\d+:${member.id}$`));
    expect(Number(turn.username!.split(":")[0])).toBeGreaterThan(Date.now() / 1000);
    expect(turn.credential).toBe(createHmac("sha1", "calls-test-secret").update(turn.username!).digest("base64"));
    expect(JSON.stringify(iceServers)).not.toContain("calls-test-secret");

    // A stale call id: after the end, signals are ignored, and a late member sees no credentials.
    await callAction(member.id, call.id, { action: "hangup" });
    expect(await signalCall(admin.id, call.id, { to: member.id, kind: "ice", data: "{}" })).toEqual({ delivered: false });
    await callAction(admin.id, call.id, { action: "hangup" });
    expect(await signalCall(member.id, call.id, { to: admin.id, kind: "ice", data: "{}" })).toEqual({ delivered: false });
    const after = await getCall(third.id, call.id);
    expect(after.call!.status).toBe("ended");
    expect(after.iceServers).toEqual([]);
  });

  it("the signal route refuses an oversized body (413) and answers the domain's statuses", async () => {
    const { alice, bob, mallory, conversationId } = await pair("CallRoute");
    const { call } = await startCall(alice.id, conversationId, { type: "voice" });
    await callAction(bob.id, call.id, { action: "accept" });
    const route = await import("@/app/api/calls/[id]/signal/route");
    const post = async (actor: { id: string; name: string | null; email: string }, body: unknown) => {
      setSessionResolverForTests(async () => ({ id: actor.id, name: actor.name, email: actor.email, image: null }) as never);
      return route.POST(makeRequest("POST", `/api/calls/${call.id}/signal`, { raw: JSON.stringify(body), type: "application/json" }), {
        params: Promise.resolve({ id: call.id }),
      });
    };
    expect((await post(alice, { to: bob.id, kind: "answer", data: "v=0" })).status).toBe(200);
    expect((await post(alice, { to: bob.id, kind: "answer", data: "x".repeat(20_000) })).status).toBe(413);
    expect((await post(mallory, { to: bob.id, kind: "answer", data: "v=0" })).status).toBe(404);
    expect((await post(alice, { to: bob.id, kind: "answer" })).status).toBe(400);
    await callAction(alice.id, call.id, { action: "hangup" });
  });
});

describe("cascades", () => {
  it("deleting the conversation deletes its calls and their participants; deleting a user deletes their rows", async () => {
    const { alice, conversationId } = await pair("CallCascade");
    const { call } = await startCall(alice.id, conversationId, { type: "voice" });
    await db.conversation.delete({ where: { id: conversationId } });
    expect(await db.call.count({ where: { id: call.id } })).toBe(0);
    expect(await db.callParticipant.count({ where: { callId: call.id } })).toBe(0);
    const other = await pair("CallCascadeUser");
    const second = await startCall(other.alice.id, other.conversationId, { type: "voice" });
    await db.user.delete({ where: { id: other.bob.id } });
    expect(await db.callParticipant.count({ where: { callId: second.call.id, userId: other.bob.id } })).toBe(0);
    await db.user.delete({ where: { id: other.alice.id } });
    expect(await db.call.count({ where: { id: second.call.id } })).toBe(0);
  });
});
