/**
 * HTTP API tests: the official `pusher` lib for requests it can make, signed raw
 * `fetch` for the malformed ones it refuses to make.
 */
import Pusher from "pusher";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { channelStringToSign, signApiQuery, signSocketAuth } from "./signatures";
import { APP, Harness, type RawClient } from "@/tests/support/pusher-test-clients";

let h: Harness;

beforeEach(async () => {
  h = await Harness.start();
});

afterEach(async () => {
  await h.stop();
});

function lib(overrides: Partial<{ appId: string; key: string; secret: string }> = {}): Pusher {
  return new Pusher({ ...APP, ...overrides, host: "127.0.0.1", port: String(h.server.port), useTLS: false });
}

async function signedFetch(
  method: string,
  path: string,
  body = "",
  extra: Record<string, string> = {},
  timestamp?: number,
): Promise<{ status: number; json: unknown }> {
  const query = signApiQuery(APP, method, path, body, extra, timestamp);
  const response = await fetch(`${h.server.url}${path}?${query}`, {
    method,
    body: body === "" ? undefined : body,
    headers: body === "" ? {} : { "content-type": "application/json" },
  });
  return { status: response.status, json: await response.json() };
}

const eventsPath = `/apps/${APP.appId}/events`;
const event = (fields: Record<string, unknown> = {}) => JSON.stringify({ name: "e", data: "{}", channels: ["private-a"], ...fields });

/** Subscribes a raw socket; presence when `userId` is given. */
async function join(channel: string, userId?: string): Promise<RawClient> {
  const { raw, socketId } = await h.rawConnected();
  const channelData = userId === undefined ? undefined : JSON.stringify({ user_id: userId });
  raw.send({
    event: "pusher:subscribe",
    data: { channel, channel_data: channelData, auth: signSocketAuth(APP, channelStringToSign(socketId, channel, channelData)) },
  });
  await raw.takeEvent("pusher_internal:subscription_succeeded", channel);
  return raw;
}

describe("health", () => {
  it("answers GET / and /health, refuses other methods", async () => {
    for (const path of ["/", "/health"]) {
      const response = await fetch(`${h.server.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true });
    }
    expect((await fetch(`${h.server.url}/health`, { method: "POST" })).status).toBe(405);
  });
});

describe("authentication", () => {
  it("accepts requests signed by the pusher lib", async () => {
    const response = await h.pusher.trigger("private-a", "e", { x: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
  });

  it("rejects a wrong secret or key with 401", async () => {
    await expect(lib({ secret: "wrong" }).trigger("private-a", "e", {})).rejects.toMatchObject({ status: 401 });
    await expect(lib({ key: "other-key" }).trigger("private-a", "e", {})).rejects.toMatchObject({ status: 401 });
  });

  it("rejects a body_md5 that does not match the body", async () => {
    const body = event();
    const forged = await signedFetch("POST", eventsPath, body, { body_md5: "0".repeat(32) });
    expect(forged.status).toBe(401);
    expect(forged.json).toEqual({ error: expect.stringMatching(/body_md5/) });
    expect((await signedFetch("POST", eventsPath, body)).status).toBe(200);
  });

  it("rejects timestamps more than 600 s away", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await signedFetch("POST", eventsPath, event(), {}, now - 700)).status).toBe(401);
    expect((await signedFetch("POST", eventsPath, event(), {}, now + 700)).status).toBe(401);
    expect((await signedFetch("POST", eventsPath, event(), {}, now - 500)).status).toBe(200);
  });

  it("rejects unsigned requests and a signature over another path", async () => {
    const unsigned = await fetch(`${h.server.url}${eventsPath}`, { method: "POST", body: event() });
    expect(unsigned.status).toBe(401);
    const query = signApiQuery(APP, "POST", `/apps/${APP.appId}/batch_events`, event());
    const moved = await fetch(`${h.server.url}${eventsPath}?${query}`, { method: "POST", body: event() });
    expect(moved.status).toBe(401);
  });
});

describe("routing", () => {
  it("answers 404 for another app id or an unknown path", async () => {
    await expect(lib({ appId: "999" }).trigger("private-a", "e", {})).rejects.toMatchObject({ status: 404 });
    await expect(h.pusher.get({ path: "/nope" })).rejects.toMatchObject({ status: 404 });
    expect((await fetch(`${h.server.url}/elsewhere`)).status).toBe(404);
  });

  it("answers 405 for a wrong method", async () => {
    await expect(h.pusher.get({ path: "/events" })).rejects.toMatchObject({ status: 405 });
    await expect(h.pusher.post({ path: "/channels", body: "{}" })).rejects.toMatchObject({ status: 405 });
  });
});

describe("event validation", () => {
  it("answers 400 for malformed JSON and bad fields", async () => {
    const bad = [
      "{",
      "[]",
      event({ name: "" }),
      event({ name: "n".repeat(201) }),
      event({ name: "pusher:fake" }),
      event({ data: { not: "a string" } }),
      event({ channels: ["bad channel"] }),
      event({ channels: [] }),
      event({ channels: Array.from({ length: 101 }, (_, i) => `private-${i}`) }),
      event({ socket_id: "abc" }),
      event({ info: "bogus" }),
    ];
    for (const body of bad) {
      const { status } = await signedFetch("POST", eventsPath, body);
      expect({ body: body.slice(0, 40), status }).toEqual({ body: body.slice(0, 40), status: 400 });
    }
  });

  it("answers 400 for data over 10 KB and 413 for bodies over 1 MB", async () => {
    await expect(h.pusher.trigger("private-a", "e", "x".repeat(10 * 1024 + 1))).rejects.toMatchObject({ status: 400 });
    expect((await h.pusher.trigger("private-a", "e", "x".repeat(10 * 1024))).status).toBe(200);
    await expect(h.pusher.trigger("private-a", "e", "x".repeat(1024 * 1024 + 1))).rejects.toMatchObject({ status: 413 });
  });

  it("answers 400 for batches over 10 events or with a bad entry", async () => {
    const batch = Array.from({ length: 11 }, (_, i) => ({ channel: "private-a", name: `e${i}`, data: {} }));
    await expect(h.pusher.triggerBatch(batch)).rejects.toMatchObject({ status: 400 });
    await expect(
      h.pusher.triggerBatch([
        { channel: "private-a", name: "ok", data: {} },
        { channel: "bad channel", name: "ok", data: {} },
      ]),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("reports channel info when a trigger asks for it", async () => {
    const raws = [await join("presence-room", "u1"), await join("presence-room", "u1")];
    const response = await h.pusher.trigger("presence-room", "e", {}, { info: "user_count,subscription_count" });
    expect(await response.json()).toEqual({ channels: { "presence-room": { user_count: 1, subscription_count: 2 } } });
    await Promise.all(raws.map((raw) => raw.takeEvent("e", "presence-room")));
  });
});

describe("channel queries", () => {
  it("lists occupied channels with optional presence user counts", async () => {
    await join("private-a");
    await join("presence-r", "u1");
    await join("presence-r", "u2");
    await join("presence-r", "u2");

    const all = await h.pusher.get({ path: "/channels" });
    expect(await all.json()).toEqual({ channels: { "private-a": {}, "presence-r": {} } });

    const presence = await h.pusher.get({
      path: "/channels",
      params: { filter_by_prefix: "presence-", info: "user_count" },
    });
    expect(await presence.json()).toEqual({ channels: { "presence-r": { user_count: 2 } } });

    await expect(h.pusher.get({ path: "/channels", params: { info: "user_count" } })).rejects.toMatchObject({ status: 400 });
  });

  it("describes one channel", async () => {
    await join("presence-r", "u1");
    await join("presence-r", "u2");
    await join("presence-r", "u2");
    const info = await h.pusher.get({
      path: "/channels/presence-r",
      params: { info: "user_count,subscription_count" },
    });
    expect(await info.json()).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
    expect(await (await h.pusher.get({ path: "/channels/private-empty" })).json()).toEqual({ occupied: false });
    await expect(h.pusher.get({ path: "/channels/private-empty", params: { info: "user_count" } })).rejects.toMatchObject({ status: 400 });
    await expect(h.pusher.get({ path: "/channels/bad%20name" })).rejects.toMatchObject({ status: 400 });
  });

  it("lists presence users", async () => {
    await join("presence-r", "u1");
    await join("presence-r", "u2");
    await join("private-a");
    const users = await h.pusher.get({ path: "/channels/presence-r/users" });
    expect(await users.json()).toEqual({ users: [{ id: "u1" }, { id: "u2" }] });
    await expect(h.pusher.get({ path: "/channels/private-a/users" })).rejects.toMatchObject({ status: 400 });
  });

  it("terminate_connections succeeds for a user with no sockets", async () => {
    const response = await h.pusher.terminateUserConnections("nobody");
    expect(response.status).toBe(200);
  });
});
