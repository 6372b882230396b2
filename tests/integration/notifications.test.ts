// Web Push (issue 16) on the real database, delivered by the web-push library's encryption to a
// local stand-in push service (tests/support/push-service.ts) and decrypted there with the
// subscription's own keys: sender, chat and preview; previews off; the sender, muted chats, a
// message request not accepted yet, a busy status, notifications off in settings, a focused tab and a message already seen get nothing; a burst is one push; 404/410 delete the
// subscription; a 5xx is retried; subscriptions are mine only. The send never waits for a push.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setBlocked } from "@/lib/chat/blocks/operations";
import { setMuted } from "@/lib/chat/chat-list/operations";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { mentionToken } from "@/lib/chat/mentions/tokens";
import { answerMessageRequest } from "@/lib/chat/message-requests/operations";
import { sendMessage } from "@/lib/chat/messages/send";
import { endpointAllowed } from "@/lib/chat/notifications/schemas";
import {
  listPushDevices,
  removePushDevice,
  reportFocus,
  setPushPreviews,
  subscribePush,
  unsubscribePush,
} from "@/lib/chat/notifications/operations";
import { chatsWithNewMessages, drainPushQueue } from "@/lib/chat/notifications/push";
import { markSeen } from "@/lib/chat/receipts/operations";
import { updateSettings } from "@/lib/chat/settings/operations";
import { setStatus } from "@/lib/chat/status/operations";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { startPushService, type PushService } from "@/tests/support/push-service";

let push: PushService;
// The suites run with PUSH_WORKER=off (tests/support/global-setup.ts): this file drains the queue itself.
beforeAll(async () => {
  push = await startPushService();
});
afterAll(async () => {
  await push.close();
  await db.$disconnect();
});
// Every message queued before a test goes out now, so each test sees only its own pushes.
beforeEach(async () => {
  await drainPushQueue(Date.now() + 60_000, { backoffMs: 1 });
  push.received.length = 0;
});

const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const send = (senderId: string, conversationId: string, body: string) => sendMessage(senderId, conversationId, { id: randomUUID(), body });
/** The coalescing window has passed: everything queued is due. */
const flush = () => drainPushQueue(Date.now() + 60_000, { backoffMs: 1 });

/** Alice starts a 1:1 with Bob, who accepts it (a message request is silent: its own test below). */
async function pair(prefix: string) {
  const [alice, bob] = await makeUsers(2, prefix);
  const { conversation } = await startDirectConversation(alice!.id, bob!.id);
  await answerMessageRequest(bob!.id, conversation.id, { answer: "accept" });
  return { alice: alice!, bob: bob!, conversationId: conversation.id };
}

describe("Web Push delivery", () => {
  it("delivers an encrypted push with sender, chat and preview, signed with VAPID", async () => {
    const { alice, bob, conversationId } = await pair("PushA");
    const device = push.subscription(`/bob-${randomUUID()}`);
    await subscribePush(bob.id, device, UA);
    await send(alice.id, conversationId, `hello ${mentionToken(bob.id)}, lunch?`);
    const report = await flush();
    expect(report.sent).toBe(1);
    const [payload] = push.payloads(device) as Record<string, unknown>[];
    expect(payload).toMatchObject({
      v: 1,
      conversationId,
      title: alice.name,
      body: `hello @${bob.name}, lunch?`,
      tag: `parley-chat-${conversationId}`,
      url: `/chat/${conversationId}`,
    });
    const request = push.received[0]!;
    expect(request.headers["content-encoding"]).toBe("aes128gcm");
    expect(request.headers.authorization).toMatch(/^vapid t=.+, k=.+/);
    expect(Number(request.headers.ttl)).toBeGreaterThan(0);
    expect(request.body.length).toBeLessThan(1024); // small payloads
    // No e-mail or other secret in what the device receives.
    expect(JSON.stringify(payload)).not.toContain(alice.email);
    // The device records its last push.
    const [listed] = await listPushDevices(bob.id, device.endpoint);
    expect(listed).toMatchObject({ deviceName: "Chrome on Linux", current: true, previews: true });
    expect(listed!.lastPushAt).not.toBeNull();
  });

  it('names the group, and says only "New message" on a device with previews off', async () => {
    const [alice, bob, carol] = await makeUsers(3, "PushGroup");
    const group = await createGroup(alice!.id, { name: "Climbing club", memberIds: [bob!.id, carol!.id] });
    const device = push.subscription(`/bob-${randomUUID()}`);
    const { id } = await subscribePush(bob!.id, device, UA);
    await setPushPreviews(bob!.id, id, { previews: false });
    await send(alice!.id, group.id, "secret plans");
    await flush();
    expect(push.payloads(device)).toEqual([expect.objectContaining({ title: `${alice!.name} in Climbing club`, body: "New message" })]);
    expect(push.received.some((r) => r.body.includes(Buffer.from("secret plans")))).toBe(false); // encrypted
  });

  it("never notifies a member of a message from someone they blocked (a group both stay in)", async () => {
    const [alice, bob, carol] = await makeUsers(3, "PushBlock");
    const group = await createGroup(alice!.id, { name: "Shared group", memberIds: [bob!.id, carol!.id] });
    const bobDevice = push.subscription(`/bob-${randomUUID()}`);
    const carolDevice = push.subscription(`/carol-${randomUUID()}`);
    await subscribePush(bob!.id, bobDevice, UA);
    await subscribePush(carol!.id, carolDevice, UA);
    await setBlocked(bob!.id, { userId: alice!.id, blocked: true });
    await send(alice!.id, group.id, "from the blocked one");
    expect(await flush()).toMatchObject({ sent: 1, skipped: 1 });
    expect(push.payloads(bobDevice)).toEqual([]);
    expect(push.payloads(carolDevice)).toHaveLength(1);
    await setBlocked(bob!.id, { userId: alice!.id, blocked: false });
    await send(alice!.id, group.id, "unblocked again");
    await flush();
    expect(push.payloads(bobDevice)).toHaveLength(1);
  });

  it("never pushes a message request's messages until it is accepted (issue 15)", async () => {
    const [alice, bob] = await makeUsers(2, "PushRequest");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const device = push.subscription(`/bob-${randomUUID()}`);
    await subscribePush(bob!.id, device, UA);
    await send(alice!.id, conversation.id, "hello stranger");
    expect(await flush()).toMatchObject({ sent: 0, skipped: 1 });
    await answerMessageRequest(bob!.id, conversation.id, { answer: "accept" });
    await send(alice!.id, conversation.id, "thanks for accepting");
    expect(await flush()).toMatchObject({ sent: 1 });
    expect(push.payloads(device)).toEqual([expect.objectContaining({ body: "thanks for accepting" })]);
  });

  it("coalesces a burst into one push per recipient, carrying the newest message", async () => {
    const { alice, bob, conversationId } = await pair("PushBurst");
    const device = push.subscription(`/bob-${randomUUID()}`);
    await subscribePush(bob.id, device, UA);
    for (const body of ["one", "two", "three", "four"]) await send(alice.id, conversationId, body);
    const report = await flush();
    expect(report).toMatchObject({ chats: 1, sent: 1 });
    expect(push.payloads(device)).toEqual([expect.objectContaining({ body: "four" })]);
  });

  it("skips the sender, a muted chat, a busy status, a focused tab and a message already seen", async () => {
    const { alice, bob, conversationId } = await pair("PushSkip");
    const bobDevice = push.subscription(`/bob-${randomUUID()}`);
    const aliceDevice = push.subscription(`/alice-${randomUUID()}`);
    await subscribePush(bob.id, bobDevice, UA);
    await subscribePush(alice.id, aliceDevice, UA);

    await send(alice.id, conversationId, "to bob");
    await flush();
    expect(push.payloads(aliceDevice)).toEqual([]); // never the sender
    expect(push.payloads(bobDevice)).toHaveLength(1);

    await setMuted(bob.id, conversationId, { mute: "8h" });
    await send(alice.id, conversationId, "while muted");
    expect(await flush()).toMatchObject({ sent: 0, skipped: 1 });
    await setMuted(bob.id, conversationId, { mute: "off" });

    // Busy (do not disturb, lib/chat/status): no push until Bob is online again.
    await setStatus(bob.id, { status: "busy" });
    await send(alice.id, conversationId, "while busy");
    expect(await flush()).toMatchObject({ sent: 0, skipped: 1 });
    await setStatus(bob.id, { status: "online" });

    // Message notifications off in Bob's settings (lib/chat/settings): no push on any device.
    await updateSettings(bob.id, { notifications: false });
    await send(alice.id, conversationId, "notifications off");
    expect(await flush()).toMatchObject({ sent: 0, skipped: 1 });
    await updateSettings(bob.id, { notifications: true });

    await reportFocus(bob.id, { focused: true });
    await send(alice.id, conversationId, "bob is looking");
    expect(await flush()).toMatchObject({ sent: 0, skipped: 1 });
    await reportFocus(bob.id, { focused: false });

    const seen = await send(alice.id, conversationId, "read at once");
    await markSeen(bob.id, conversationId, { messageId: seen.message.id });
    expect(await flush()).toMatchObject({ sent: 0 });
    expect(push.payloads(bobDevice)).toHaveLength(1);
  });

  it("deletes a subscription the push service calls gone (410, 404) and retries a 5xx", async () => {
    const { alice, bob, conversationId } = await pair("PushGone");
    const gone = push.subscription(`/gone-${randomUUID()}`);
    const missing = push.subscription(`/missing-${randomUUID()}`);
    const flaky = push.subscription(`/flaky-${randomUUID()}`);
    push.answer(new URL(gone.endpoint).pathname, 410);
    push.answer(new URL(missing.endpoint).pathname, 404);
    push.answer(new URL(flaky.endpoint).pathname, 503, 201);
    for (const device of [gone, missing, flaky]) await subscribePush(bob.id, device, UA);
    await send(alice.id, conversationId, "anyone there?");
    expect(await flush()).toMatchObject({ sent: 1, gone: 2 });
    const left = await db.pushSubscription.findMany({ where: { userId: bob.id }, select: { endpoint: true } });
    expect(left).toEqual([{ endpoint: flaky.endpoint }]);
    expect(push.received.filter((r) => flaky.endpoint.endsWith(r.path))).toHaveLength(2); // 503, then 201
  });

  it("finds the chat of every committed message:new event and nothing else", () => {
    expect(
      chatsWithNewMessages([
        { channels: "private-conversation-0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", event: "message:new", payload: {} as never },
        { channels: "private-user-0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", event: "conversation:update", payload: {} as never },
      ]),
    ).toEqual(["0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"]);
  });
});

describe("my devices", () => {
  it("are mine only: another user can neither list, change nor remove them", async () => {
    const [bob, mallory] = await makeUsers(2, "PushOwn");
    const device = push.subscription(`/own-${randomUUID()}`);
    const { id } = await subscribePush(bob!.id, device, UA);
    expect(await listPushDevices(mallory!.id)).toEqual([]);
    await expect(setPushPreviews(mallory!.id, id, { previews: false })).rejects.toMatchObject({ code: "not_found" });
    await expect(removePushDevice(mallory!.id, id)).rejects.toMatchObject({ code: "not_found" });
    await unsubscribePush(mallory!.id, { endpoint: device.endpoint });
    expect(await listPushDevices(bob!.id)).toHaveLength(1);
    await removePushDevice(bob!.id, id);
    expect(await listPushDevices(bob!.id)).toEqual([]);
  });

  it("moves a browser's endpoint to whoever subscribes it last (a shared computer)", async () => {
    const [bob, carol] = await makeUsers(2, "PushShared");
    const device = push.subscription(`/shared-${randomUUID()}`);
    await subscribePush(bob!.id, device, UA);
    await subscribePush(carol!.id, device, UA);
    expect(await listPushDevices(bob!.id)).toEqual([]);
    expect(await listPushDevices(carol!.id)).toHaveLength(1);
  });

  it("refuses bad subscriptions with 400 and push endpoints on private hosts", async () => {
    const [bob] = await makeUsers(1, "PushBad");
    const good = push.subscription("/x");
    for (const bad of [
      {},
      { endpoint: "not a url", keys: good.keys },
      { endpoint: "ftp://push.example.com/x", keys: good.keys },
      { endpoint: good.endpoint, keys: { p256dh: "short", auth: good.keys.auth } },
    ]) {
      await expect(subscribePush(bob!.id, bad, UA)).rejects.toBeInstanceOf(AppError);
    }
    expect(endpointAllowed("https://fcm.googleapis.com/fcm/send/abc", true)).toBe(true);
    for (const url of [
      "http://127.0.0.1/x",
      "https://127.0.0.1/x",
      "https://10.0.0.5/x",
      "https://localhost/x",
      "https://[::1]/x",
      "https://metadata.internal/x",
    ])
      expect(endpointAllowed(url, true), url).toBe(false);
  });

  it("go with their user (cascade)", async () => {
    const [bob] = await makeUsers(1, "PushCascade");
    await subscribePush(bob!.id, push.subscription(`/cascade-${randomUUID()}`), UA);
    await db.user.delete({ where: { id: bob!.id } });
    expect(await db.pushSubscription.count({ where: { userId: bob!.id } })).toBe(0);
  });
});
