/**
 * Socket-level behaviour with real clients: client events, user signin and
 * server-to-user delivery, and resilience to hostile frames.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { channelStringToSign, signSocketAuth, userStringToSign } from "./signatures";
import { APP, Harness, dataOf, nextEvent, record, waitFor, waitUntil, type Frame } from "@/tests/support/pusher-test-clients";

let h: Harness;

beforeEach(async () => {
  h = await Harness.start();
});

afterEach(async () => {
  await h.stop();
});

describe("client events", () => {
  it("reach other subscribers with user_id on presence, never the sender", async () => {
    const alice = await h.connectedClient({ user: { id: "alice" } });
    const bob = await h.connectedClient({ user: { id: "bob" } });
    const aliceChannel = await h.subscribed(alice, "presence-chat");
    const bobChannel = await h.subscribed(bob, "presence-chat");
    const aliceSeen = record(aliceChannel);

    const typing = nextEvent(bobChannel, "client-typing");
    expect(aliceChannel.trigger("client-typing", { typing: true })).toBe(true);
    const { data, meta } = await typing;
    expect(data).toEqual({ typing: true });
    expect(meta).toEqual({ user_id: "alice" });

    const marker = nextEvent(aliceChannel, "marker");
    await h.pusher.trigger("presence-chat", "marker", {});
    await marker;
    expect(aliceSeen.map(([event]) => event)).toEqual(["marker"]);
  });

  it("work on private channels", async () => {
    const alice = await h.connectedClient();
    const bob = await h.connectedClient();
    const aliceChannel = await h.subscribed(alice, "private-dm");
    const bobChannel = await h.subscribed(bob, "private-dm");
    const got = nextEvent(bobChannel, "client-ping");
    aliceChannel.trigger("client-ping", "hello");
    expect((await got).data).toBe("hello");
  });

  it("are refused on public channels, on unsubscribed channels, and when too large", async () => {
    const client = await h.connectedClient();
    const errors: Array<{ data: { code: number | null; message: string } }> = [];
    client.connection.bind("error", (error: { type: string; data: { code: number | null; message: string } }) => {
      if (error.type === "PusherError") errors.push(error);
    });
    const publicChannel = await h.subscribed(client, "lobby");
    publicChannel.trigger("client-hi", {});
    await waitUntil("public refusal", () => errors.length === 1);
    expect(errors[0]?.data.message).toMatch(/private- and presence-/);

    client.send_event("client-hi", {}, "private-not-mine");
    await waitUntil("unsubscribed refusal", () => errors.length === 2);
    expect(errors[1]?.data.message).toMatch(/not subscribed/);

    const privateChannel = await h.subscribed(client, "private-big");
    privateChannel.trigger("client-big", { blob: "x".repeat(11 * 1024) });
    await waitUntil("size refusal", () => errors.length === 3);
    expect(errors[2]?.data.message).toMatch(/payload over/);
  });

  it("are rate limited per socket", async () => {
    const sender = await h.rawConnected();
    const receiver = await h.rawConnected();
    for (const { raw, socketId } of [sender, receiver]) {
      raw.send({
        event: "pusher:subscribe",
        data: { channel: "private-rl", auth: signSocketAuth(APP, channelStringToSign(socketId, "private-rl")) },
      });
      await raw.takeEvent("pusher_internal:subscription_succeeded", "private-rl");
    }
    for (let i = 0; i < 15; i += 1) sender.raw.send({ event: "client-burst", channel: "private-rl", data: { i } });
    const rejections: Frame[] = [];
    for (let i = 0; i < 5; i += 1) rejections.push(await sender.raw.takeEvent("pusher:error"));
    expect(rejections.every((frame) => (frame.data as { code: number }).code === 4301)).toBe(true);
    const delivered: Frame[] = [];
    for (let i = 0; i < 10; i += 1) delivered.push(await receiver.raw.takeEvent("client-burst"));
    expect(delivered.map((frame) => (frame.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe("user signin", () => {
  it("delivers sendToUser events to every signed-in socket of the user", async () => {
    const phone = await h.connectedClient({ user: { id: "user-7" } });
    const laptop = await h.connectedClient({ user: { id: "user-7" } });
    const stranger = await h.connectedClient({ user: { id: "user-8" } });
    const signedIn = (client: typeof phone) =>
      waitFor("signin", (resolve) => {
        client.connection.bind("message", (event: { event: string }) => {
          if (event.event === "pusher:signin_success") resolve(undefined);
        });
        client.signin();
      });
    await Promise.all([signedIn(phone), signedIn(laptop), signedIn(stranger)]);
    const strangerGot: unknown[] = [];
    stranger.user.bind("notice", (data: unknown) => strangerGot.push(data));

    const got = Promise.all(
      [phone, laptop].map((client) => waitFor("user event", (resolve) => client.user.bind("notice", (data: unknown) => resolve(data)))),
    );
    await h.pusher.sendToUser("user-7", "notice", { text: "hello" });
    expect(await got).toEqual([{ text: "hello" }, { text: "hello" }]);
    expect(strangerGot).toEqual([]);
  });

  it("closes the connection with 4009 on a bad signin signature", async () => {
    const { raw, socketId } = await h.rawConnected();
    const userData = JSON.stringify({ id: "eve" });
    raw.send({
      event: "pusher:signin",
      data: { user_data: userData, auth: signSocketAuth({ ...APP, secret: "guess" }, userStringToSign(socketId, userData)) },
    });
    expect((await raw.takeEvent("pusher:error")).data).toMatchObject({ code: 4009 });
    expect((await raw.closed).code).toBe(4009);
  });

  it("terminate_connections closes the user's sockets only", async () => {
    const target = await h.connectedClient({ user: { id: "banned" } });
    const bystander = await h.connectedClient({ user: { id: "fine" } });
    for (const client of [target, bystander]) {
      await waitFor("signin", (resolve) => {
        client.connection.bind("message", (event: { event: string }) => {
          if (event.event === "pusher:signin_success") resolve(undefined);
        });
        client.signin();
      });
    }
    const left = waitFor("target disconnected", (resolve) => {
      target.connection.bind("state_change", (change: { current: string }) => {
        if (change.current !== "connected") resolve(change.current);
      });
    });
    await h.pusher.terminateUserConnections("banned");
    await left;
    await waitUntil("server dropped the socket", () => h.server.stats().connections === 1);
    expect(bystander.connection.state).toBe("connected");
  });
});

describe("robustness", () => {
  it("answers malformed frames with pusher:error and keeps the socket", async () => {
    const { raw } = await h.rawConnected();
    const garbage: unknown[] = [
      "not json",
      "[1,2]",
      "null",
      { data: {} },
      { event: 42 },
      { event: "pusher:subscribe" },
      { event: "pusher:subscribe", data: "{" },
      { event: "pusher:unsubscribe", data: null },
      { event: "pusher:signout" },
      { event: "client-x" },
      Buffer.from([0, 1, 2, 255]),
    ];
    for (const frame of garbage) raw.send(frame);
    raw.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    for (let i = 0; i < garbage.length + 1; i += 1) await raw.takeEvent("pusher:error");
    raw.send({ event: "pusher:ping", data: {} });
    await raw.takeEvent("pusher:pong");
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
  });

  it("closes oversized frames without affecting other sockets", async () => {
    const { raw } = await h.rawConnected();
    const { raw: other } = await h.rawConnected();
    raw.send({ event: "client-x", channel: "private-a", data: "x".repeat(200 * 1024) });
    expect((await raw.closed).code).toBe(1009);
    other.send({ event: "pusher:ping" });
    await other.takeEvent("pusher:pong");
  });

  it("refuses subscribing to someone else's #server-to-user channel", async () => {
    const { raw } = await h.rawConnected();
    raw.send({ event: "pusher:subscribe", data: { channel: "#server-to-user-alice" } });
    expect(dataOf(await raw.takeEvent("pusher:subscription_error"))).toMatchObject({ status: 401 });
  });
});
