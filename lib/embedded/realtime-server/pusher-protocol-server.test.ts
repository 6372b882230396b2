/**
 * End-to-end tests with the official clients, `pusher-js` (websocket) and `pusher`
 * (HTTP API), on real sockets: connection, private and presence channels, trigger
 * delivery, lifecycle. A raw `ws` client covers frames pusher-js never sends.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PresenceChannel } from "pusher-js";

import { startPusherProtocolServer } from "./pusher-protocol-server";
import { channelStringToSign, signSocketAuth } from "./signatures";
import { APP, Harness, dataOf, nextEvent, record, waitFor, waitUntil } from "@/tests/support/pusher-test-clients";

let h: Harness;

beforeEach(async () => {
  h = await Harness.start();
});

afterEach(async () => {
  await h.stop();
});

describe("connection", () => {
  it("sends connection_established with a unique socket id and the activity timeout", async () => {
    const a = await h.raw();
    const b = await h.raw();
    const first = dataOf(await a.takeEvent("pusher:connection_established")) as Record<string, unknown>;
    const second = dataOf(await b.takeEvent("pusher:connection_established")) as Record<string, unknown>;
    expect(first.socket_id).toMatch(/^\d+\.\d+$/);
    expect(second.socket_id).toMatch(/^\d+\.\d+$/);
    expect(first.socket_id).not.toBe(second.socket_id);
    expect(first.activity_timeout).toBe(120);
    expect(h.server.stats().connections).toBe(2);
  });

  it("answers pusher:ping with pusher:pong", async () => {
    const { raw } = await h.rawConnected();
    raw.send({ event: "pusher:ping", data: {} });
    await raw.takeEvent("pusher:pong");
  });

  it("refuses an unknown app key with pusher:error and close code 4001", async () => {
    const raw = await h.raw(`ws://127.0.0.1:${h.server.port}/app/wrong-key?protocol=7`);
    const error = await raw.takeEvent("pusher:error");
    expect(error.data).toMatchObject({ code: 4001 });
    expect((await raw.closed).code).toBe(4001);
  });

  it("refuses an unsupported protocol version with 4007", async () => {
    const raw = await h.raw(`ws://127.0.0.1:${h.server.port}/app/${APP.key}?protocol=2`);
    expect((await raw.closed).code).toBe(4007);
  });

  it("answers 404 to websocket upgrades outside /app/{key}", async () => {
    await expect(h.raw(`ws://127.0.0.1:${h.server.port}/nope`)).rejects.toThrow(/404/);
  });

  it("pusher-js connects and learns its socket id", async () => {
    const client = await h.connectedClient();
    expect(client.connection.socket_id).toMatch(/^\d+\.\d+$/);
  });

  it("drops sockets that stop answering pings", async () => {
    await h.stop();
    h = await Harness.start({ activityTimeoutSeconds: 1 });
    const deaf = await h.raw(undefined, { autoPong: false });
    const healthy = await h.raw();
    await deaf.takeEvent("pusher:connection_established");
    const closed = await waitFor<{ code: number }>("deaf socket closed", (resolve) => void deaf.closed.then(resolve), 5000);
    expect(closed.code).toBe(1006);
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
    expect(h.logs.some((line) => line.includes("unresponsive"))).toBe(true);
  });
});

describe("private channels", () => {
  it("delivers a server trigger to an authorized subscriber", async () => {
    const client = await h.connectedClient();
    const channel = await h.subscribed(client, "private-conversation-1");
    const received = nextEvent(channel, "messages:new");
    await h.pusher.trigger("private-conversation-1", "messages:new", { id: "m1", body: "hi" });
    expect((await received).data).toEqual({ id: "m1", body: "hi" });
  });

  it("refuses a forged signature with subscription_error status 401", async () => {
    const client = await h.connectedClient({ signingSecret: "not-the-secret" });
    const channel = client.subscribe("private-conversation-1");
    const { data } = await nextEvent<Record<string, unknown>>(channel, "pusher:subscription_error");
    expect(data).toMatchObject({ type: "AuthError", status: 401 });
    expect(h.server.stats().channels).toBe(0);
  });

  it("refuses a signature made for another socket or channel", async () => {
    const { raw, socketId } = await h.rawConnected();
    raw.send({
      event: "pusher:subscribe",
      data: { channel: "private-a", auth: signSocketAuth(APP, channelStringToSign(socketId, "private-b")) },
    });
    const error = await raw.takeEvent("pusher:subscription_error", "private-a");
    expect(dataOf(error)).toEqual({ type: "AuthError", error: expect.any(String), status: 401 });
    raw.send({
      event: "pusher:subscribe",
      data: { channel: "private-a", auth: signSocketAuth(APP, channelStringToSign("1.1", "private-a")) },
    });
    await raw.takeEvent("pusher:subscription_error", "private-a");
    raw.send({ event: "pusher:subscribe", data: { channel: "private-a" } });
    await raw.takeEvent("pusher:subscription_error", "private-a");
  });

  it("rejects invalid channel names", async () => {
    const { raw } = await h.rawConnected();
    for (const channel of ["bad channel", "x".repeat(201), "", "#server-to-user-7", "über"]) {
      raw.send({ event: "pusher:subscribe", data: { channel } });
      const error = await raw.takeEvent("pusher:subscription_error");
      expect((dataOf(error) as { status: number }).status).toBeGreaterThanOrEqual(400);
    }
    expect(h.server.stats().channels).toBe(0);
  });

  it("stops delivering after unsubscribe", async () => {
    const { raw, socketId } = await h.rawConnected();
    const auth = signSocketAuth(APP, channelStringToSign(socketId, "private-u"));
    raw.send({ event: "pusher:subscribe", data: JSON.stringify({ channel: "private-u", auth }) });
    await raw.takeEvent("pusher_internal:subscription_succeeded", "private-u");
    raw.send({ event: "pusher:unsubscribe", data: { channel: "private-u" } });
    await waitUntil("channel vacated", () => h.server.stats().channels === 0);
  });
});

describe("trigger delivery", () => {
  it("excludes the socket named in socket_id", async () => {
    const alice = await h.connectedClient();
    const bob = await h.connectedClient();
    const aliceSeen = record(await h.subscribed(alice, "private-room"));
    const bobChannel = await h.subscribed(bob, "private-room");
    const bobGot = nextEvent(bobChannel, "first");
    await h.pusher.trigger("private-room", "first", { n: 1 }, { socket_id: alice.connection.socket_id });
    await bobGot;
    // Frames on one socket are ordered: once the marker arrives, "first" would have too.
    const marker = nextEvent(alice.channel("private-room"), "marker");
    await h.pusher.trigger("private-room", "marker", {});
    await marker;
    expect(aliceSeen.map(([event]) => event)).toEqual(["marker"]);
  });

  it("delivers every event of a batch", async () => {
    const client = await h.connectedClient();
    const a = await h.subscribed(client, "private-a");
    const b = await h.subscribed(client, "private-b");
    const gotA = nextEvent(a, "one");
    const gotB = nextEvent(b, "two");
    const response = await h.pusher.triggerBatch([
      { channel: "private-a", name: "one", data: { x: 1 } },
      { channel: "private-b", name: "two", data: "plain string" },
    ]);
    expect(response.status).toBe(200);
    expect((await gotA).data).toEqual({ x: 1 });
    expect((await gotB).data).toBe("plain string");
  });

  it("delivers to several channels of one trigger", async () => {
    const client = await h.connectedClient();
    const a = await h.subscribed(client, "private-x1");
    const b = await h.subscribed(client, "private-x2");
    const got = Promise.all([nextEvent(a, "e"), nextEvent(b, "e")]);
    await h.pusher.trigger(["private-x1", "private-x2", "private-nobody"], "e", { ok: true });
    expect((await got).map((r) => r.data)).toEqual([{ ok: true }, { ok: true }]);
  });
});

describe("presence channels", () => {
  it("lists members and announces a user once, however many sockets it has", async () => {
    const bob = await h.connectedClient({ user: { id: "bob", info: { name: "Bob" } } });
    const bobChannel = await h.subscribed<PresenceChannel>(bob, "presence-room");
    expect(bobChannel.members.count).toBe(1);
    const bobSeen = record(bobChannel);

    const added = nextEvent<{ id: string; info: unknown }>(bobChannel, "pusher:member_added");
    const alice1 = await h.connectedClient({ user: { id: "alice", info: { name: "Alice" } } });
    const alice1Channel = await h.subscribed<PresenceChannel>(alice1, "presence-room");
    expect((await added).data).toEqual({ id: "alice", info: { name: "Alice" } });
    expect(alice1Channel.members.count).toBe(2);
    expect(alice1Channel.members.me).toEqual({ id: "alice", info: { name: "Alice" } });
    expect(alice1Channel.members.get("bob")).toEqual({ id: "bob", info: { name: "Bob" } });

    const alice2 = await h.connectedClient({ user: { id: "alice", info: { name: "Alice" } } });
    const alice2Channel = await h.subscribed<PresenceChannel>(alice2, "presence-room");
    expect(alice2Channel.members.count).toBe(2);

    // First socket of alice leaves: she is still present through the second one.
    alice1.disconnect();
    await waitUntil("alice1 gone", () => h.server.stats().connections === 2);
    const marker = nextEvent(bobChannel, "marker");
    await h.pusher.trigger("presence-room", "marker", {});
    await marker;
    expect(bobSeen.map(([event]) => event)).toEqual(["pusher:member_added", "marker"]);

    const removed = nextEvent<{ id: string }>(bobChannel, "pusher:member_removed");
    alice2.disconnect();
    expect((await removed).data).toMatchObject({ id: "alice" });
    expect(bobChannel.members.count).toBe(1);
    expect(h.server.stats().channels).toBe(1);
  });

  it("removes a member on unsubscribe and accepts numeric user ids", async () => {
    const { raw: watcher, socketId: watcherId } = await h.rawConnected();
    const { raw: other, socketId: otherId } = await h.rawConnected();
    const subscribe = (raw: typeof watcher, socketId: string, channelData: string) =>
      raw.send({
        event: "pusher:subscribe",
        data: {
          channel: "presence-n",
          channel_data: channelData,
          auth: signSocketAuth(APP, channelStringToSign(socketId, "presence-n", channelData)),
        },
      });
    subscribe(watcher, watcherId, JSON.stringify({ user_id: "w" }));
    const own = await watcher.takeEvent("pusher_internal:subscription_succeeded", "presence-n");
    expect(dataOf(own)).toEqual({ presence: { ids: ["w"], hash: { w: null }, count: 1 } });

    subscribe(other, otherId, JSON.stringify({ user_id: 42, user_info: { n: 1 } }));
    await other.takeEvent("pusher_internal:subscription_succeeded", "presence-n");
    const added = await watcher.takeEvent("pusher_internal:member_added", "presence-n");
    expect(dataOf(added)).toEqual({ user_id: "42", user_info: { n: 1 } });

    other.send({ event: "pusher:unsubscribe", data: { channel: "presence-n" } });
    const removed = await watcher.takeEvent("pusher_internal:member_removed", "presence-n");
    expect(dataOf(removed)).toEqual({ user_id: "42" });
  });

  it("refuses presence subscriptions whose channel_data is unsigned or lacks user_id", async () => {
    const { raw, socketId } = await h.rawConnected();
    const signedFor = (channelData: string) => signSocketAuth(APP, channelStringToSign(socketId, "presence-p", channelData));
    raw.send({
      event: "pusher:subscribe",
      data: { channel: "presence-p", channel_data: '{"user_id":"mallory"}', auth: signedFor('{"user_id":"alice"}') },
    });
    await raw.takeEvent("pusher:subscription_error", "presence-p");
    raw.send({ event: "pusher:subscribe", data: { channel: "presence-p", channel_data: "{}", auth: signedFor("{}") } });
    await raw.takeEvent("pusher:subscription_error", "presence-p");
    raw.send({ event: "pusher:subscribe", data: { channel: "presence-p", auth: signedFor("") } });
    await raw.takeEvent("pusher:subscription_error", "presence-p");
    expect(h.server.stats().channels).toBe(0);
  });
});

describe("lifecycle", () => {
  it("close() disconnects clients promptly", async () => {
    const client = await h.connectedClient();
    await h.subscribed(client, "private-z");
    const raw = await h.raw();
    const started = Date.now();
    await h.server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await raw.closed).code).toBe(1001);
    expect(h.server.stats()).toEqual({ connections: 0, channels: 0 });
  });

  it("rejects with EADDRINUSE when the port is taken", async () => {
    const attempt = startPusherProtocolServer({ ...APP, port: h.server.port });
    await expect(attempt).rejects.toMatchObject({ code: "EADDRINUSE", message: expect.stringMatching(/already in use/) });
  });
});
