/**
 * The server's own defaults (what Parley runs, `STRICT`): unguessable socket ids, subscriptions
 * bound to the signed-in user, no public channels, client events on presence channels only,
 * Origin allow-list, per-address connection cap, HTTP API replay refusal, and security events
 * logged in lib/security/log.ts's JSON shape. Real sockets, no mocks.
 */
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { appOrigins } from "./origins";
import { securityLine } from "./security-log";
import { channelStringToSign, signApiQuery, signSocketAuth, userStringToSign } from "./signatures";
import { APP, Harness, STRICT, dataOf, waitFor, waitUntil, type RawClient } from "@/tests/support/pusher-test-clients";

let h: Harness;

afterEach(async () => {
  await h.stop();
});

async function signIn(raw: RawClient, socketId: string, userId: string): Promise<void> {
  const userData = JSON.stringify({ id: userId });
  raw.send({ event: "pusher:signin", data: { user_data: userData, auth: signSocketAuth(APP, userStringToSign(socketId, userData)) } });
  await raw.takeEvent("pusher:signin_success");
}

/** A subscribe frame authorized (by the app secret) for `socketId`, naming `userId` when given. */
function subscribeFrame(socketId: string, channel: string, userId?: string) {
  const channelData = userId === undefined ? undefined : JSON.stringify({ user_id: userId });
  return {
    event: "pusher:subscribe",
    data: { channel, auth: signSocketAuth(APP, channelStringToSign(socketId, channel, channelData)), channel_data: channelData },
  };
}

async function outcome(raw: RawClient, channel: string): Promise<{ ok: true } | { ok: false; error: unknown }> {
  const frame = await raw.take(
    `subscription outcome on ${channel}`,
    (f) => f.channel === channel && (f.event === "pusher_internal:subscription_succeeded" || f.event === "pusher:subscription_error"),
  );
  return frame.event === "pusher:subscription_error" ? { ok: false, error: dataOf(frame) } : { ok: true };
}

/** Opens a websocket and reports the handshake's HTTP status (101 when it opened). */
function handshake(url: string, headers: Record<string, string> = {}): Promise<{ status: number; ws: WebSocket }> {
  const ws = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ status: 101, ws }));
    ws.once("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode ?? 0, ws });
      res.resume();
    });
    ws.once("error", reject);
  });
}

describe("socket ids", () => {
  it("are random, not a counter, and keep Pusher's \\d+.\\d+ shape", async () => {
    h = await Harness.start(STRICT);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push((await h.rawConnected()).socketId);
    for (const id of ids) expect(id).toMatch(/^\d+\.\d+$/);
    expect(new Set(ids).size).toBe(ids.length);
    const [prefixes, counters] = [new Set(ids.map((id) => id.split(".")[0])), ids.map((id) => Number(id.split(".")[1]))];
    expect(prefixes.size).toBeGreaterThan(1);
    const steps = counters.slice(1).map((n, i) => n - counters[i]!);
    expect(steps.every((step) => step === 1)).toBe(false);
  });
});

describe("subscriptions bound to the signed-in user", () => {
  it("refuses private and presence subscriptions on a socket that is not signed in", async () => {
    h = await Harness.start(STRICT);
    const { raw, socketId } = await h.rawConnected();
    raw.send(subscribeFrame(socketId, "private-room", "alice"));
    expect(await outcome(raw, "private-room")).toMatchObject({ ok: false, error: { type: "AuthError", status: 401 } });
    raw.send(subscribeFrame(socketId, "presence-room", "alice"));
    expect(await outcome(raw, "presence-room")).toMatchObject({ ok: false, error: { status: 401 } });
    expect(h.securityEvents).toContainEqual(
      expect.objectContaining({ event: "realtime.subscription_refused", target: "private-room", reason: "not_signed_in" }),
    );
  });

  it("refuses a channel authorization issued to user B on a socket signed in as user A", async () => {
    h = await Harness.start(STRICT);
    const { raw, socketId } = await h.rawConnected();
    await signIn(raw, socketId, "alice");
    // Valid signatures for this very socket, but naming bob: what bob's session would have signed.
    raw.send(subscribeFrame(socketId, "private-room", "bob"));
    expect(await outcome(raw, "private-room")).toMatchObject({ ok: false, error: { status: 401 } });
    raw.send(subscribeFrame(socketId, "presence-room", "bob"));
    expect(await outcome(raw, "presence-room")).toMatchObject({ ok: false, error: { status: 401 } });
    // A private authorization that names nobody is refused too (it could be anyone's).
    raw.send(subscribeFrame(socketId, "private-other"));
    expect(await outcome(raw, "private-other")).toMatchObject({ ok: false, error: { status: 401 } });
    expect(h.securityEvents).toContainEqual(
      expect.objectContaining({ event: "realtime.subscription_refused", userId: "alice", reason: "authorization_for_another_user" }),
    );

    raw.send(subscribeFrame(socketId, "private-room", "alice"));
    expect(await outcome(raw, "private-room")).toEqual({ ok: true });
    raw.send(subscribeFrame(socketId, "presence-room", "alice"));
    expect(await outcome(raw, "presence-room")).toEqual({ ok: true });
  });

  it("refuses a channel authorization signed for another socket id", async () => {
    h = await Harness.start(STRICT);
    const first = await h.rawConnected();
    const second = await h.rawConnected();
    await signIn(first.raw, first.socketId, "alice");
    await signIn(second.raw, second.socketId, "alice");
    second.raw.send(subscribeFrame(first.socketId, "private-room", "alice"));
    expect(await outcome(second.raw, "private-room")).toMatchObject({ ok: false, error: { status: 401 } });
  });

  it("closes a socket that tries to sign in again as another user", async () => {
    h = await Harness.start(STRICT);
    const { raw, socketId } = await h.rawConnected();
    await signIn(raw, socketId, "alice");
    const userData = JSON.stringify({ id: "bob" });
    raw.send({ event: "pusher:signin", data: { user_data: userData, auth: signSocketAuth(APP, userStringToSign(socketId, userData)) } });
    expect((await raw.closed).code).toBe(4009);
  });

  it("works end to end with pusher-js signing in first", async () => {
    h = await Harness.start(STRICT);
    const client = h.client({ user: { id: "carol" } });
    client.signin();
    await waitFor("signed in", (resolve) =>
      client.connection.bind("message", (e: { event: string }) => e.event === "pusher:signin_success" && resolve(undefined)),
    );
    await h.subscribed(client, "presence-team");
  });
});

describe("public channels and client events", () => {
  it("refuses anonymous subscriptions to public channels", async () => {
    h = await Harness.start(STRICT);
    const { raw } = await h.rawConnected();
    raw.send({ event: "pusher:subscribe", data: { channel: "lobby" } });
    expect(await outcome(raw, "lobby")).toMatchObject({ ok: false, error: { type: "AuthError", status: 401 } });
    expect(h.securityEvents).toContainEqual(
      expect.objectContaining({ event: "realtime.subscription_refused", target: "lobby", reason: "public_channel" }),
    );
  });

  it("accepts client events on presence channels only", async () => {
    h = await Harness.start(STRICT);
    const { raw, socketId } = await h.rawConnected();
    await signIn(raw, socketId, "dave");
    raw.send(subscribeFrame(socketId, "private-room", "dave"));
    raw.send(subscribeFrame(socketId, "presence-room", "dave"));
    expect(await outcome(raw, "private-room")).toEqual({ ok: true });
    expect(await outcome(raw, "presence-room")).toEqual({ ok: true });
    const other = await h.rawConnected();
    await signIn(other.raw, other.socketId, "erin");
    other.raw.send(subscribeFrame(other.socketId, "private-room", "erin"));
    other.raw.send(subscribeFrame(other.socketId, "presence-room", "erin"));
    await outcome(other.raw, "private-room");
    await outcome(other.raw, "presence-room");

    raw.send({ event: "client-typing", channel: "private-room", data: { typing: true } });
    expect(dataOf(await raw.takeEvent("pusher:error"))).toMatchObject({ message: expect.stringContaining("only presence-") });
    raw.send({ event: "client-typing", channel: "presence-room", data: { typing: true } });
    const relayed = await other.raw.takeEvent("client-typing", "presence-room");
    expect(relayed.user_id).toBe("dave");
    expect(other.raw.frames.some((f) => f.event === "client-typing" && f.channel === "private-room")).toBe(false);
  });
});

describe("websocket handshakes", () => {
  it("refuses an Origin outside the allow-list with 403, allows listed ones and clients without Origin", async () => {
    h = await Harness.start({ ...STRICT, allowedOrigins: ["http://localhost:3000"] });
    const evil = await handshake(h.wsUrl, { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    const allowed = await handshake(h.wsUrl, { origin: "http://LOCALHOST:3000" });
    expect(allowed.status).toBe(101);
    const node = await handshake(h.wsUrl);
    expect(node.status).toBe(101);
    for (const { ws } of [evil, allowed, node]) ws.terminate();
    expect(h.securityEvents).toContainEqual(
      expect.objectContaining({
        type: "security",
        event: "realtime.origin_refused",
        target: "https://evil.example",
        ip: expect.any(String),
      }),
    );
  });

  it("caps open connections per client address with 429, and frees a slot when one closes", async () => {
    h = await Harness.start({ ...STRICT, maxConnectionsPerIp: 2 });
    const first = await h.rawConnected();
    await h.rawConnected();
    const third = await handshake(h.wsUrl);
    expect(third.status).toBe(429);
    expect(h.securityEvents).toContainEqual(expect.objectContaining({ event: "realtime.connection_refused", ip: expect.any(String) }));
    first.raw.close();
    await waitUntil("slot freed", () => h.server.stats().connections === 1);
    const again = await handshake(h.wsUrl);
    expect(again.status).toBe(101);
    again.ws.terminate();
  });
});

describe("the launcher's allow-list", () => {
  it("is the app's origin (both loopback names for a local URL) plus extras, or any origin when unknown", () => {
    expect(appOrigins("http://localhost:3000/chat")).toEqual(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]);
    expect(appOrigins("https://chat.example.com", "https://admin.example.com, ")).toEqual([
      "https://chat.example.com",
      "https://admin.example.com",
    ]);
    expect(appOrigins(undefined)).toBeUndefined();
  });
});

describe("HTTP API replay", () => {
  /** A POST from a chosen loopback address (127.0.0.0/8 all reaches this host on Linux). */
  function postFrom(localAddress: string, url: string, body: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(url, { method: "POST", localAddress, headers: { "content-type": "application/json" } }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += String(chunk)));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  it("refuses a signed POST replayed from another address within the timestamp window, and logs it", async () => {
    h = await Harness.start(STRICT);
    const path = `/apps/${APP.appId}/events`;
    const body = JSON.stringify({ name: "note", data: "{}", channels: ["private-room"] });
    const url = `${h.server.url.replace("localhost", "127.0.0.1")}${path}?${signApiQuery(APP, "POST", path, body)}`;
    expect((await postFrom("127.0.0.1", url, body)).status).toBe(200);
    const replay = await postFrom("127.0.0.2", url, body);
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.body)).toMatchObject({ error: expect.stringContaining("Replayed") });
    expect(h.securityEvents).toContainEqual(expect.objectContaining({ event: "realtime.api_refused", reason: "replayed_request" }));
    // The sender's own identical request in the same second (the same event published twice) is its own, not a replay.
    expect((await postFrom("127.0.0.1", url, body)).status).toBe(200);
    // The official library's requests differ by timestamp or content, so ordinary use is unaffected.
    await h.pusher.trigger("private-room", "note", { n: 1 });
    await h.pusher.trigger("private-room", "note", { n: 1 });
    await h.pusher.trigger("private-room", "note", { n: 2 });
  });
});

describe("security log lines", () => {
  it("have lib/security/log.ts's shape and drop empty fields", () => {
    const line = JSON.parse(
      securityLine("realtime.origin_refused", { ip: "10.0.0.1", target: "https://x", userId: null }, new Date(0)),
    ) as unknown;
    expect(line).toEqual({
      type: "security",
      event: "realtime.origin_refused",
      at: "1970-01-01T00:00:00.000Z",
      ip: "10.0.0.1",
      target: "https://x",
    });
  });
});
