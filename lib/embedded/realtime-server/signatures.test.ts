/** The signature helpers must agree byte for byte with the official `pusher` lib. */
import Pusher from "pusher";
import { describe, expect, it } from "vitest";

import { channelStringToSign, safeEqual, signSocketAuth, userStringToSign, verifyApiRequest, verifySocketAuth } from "./signatures";
import { APP } from "@/tests/support/pusher-test-clients";

const pusher = new Pusher({ ...APP, host: "127.0.0.1", useTLS: false });

describe("socket signatures", () => {
  it("match pusher.authorizeChannel for private and presence channels", () => {
    expect(pusher.authorizeChannel("1.2", "private-x").auth).toBe(signSocketAuth(APP, channelStringToSign("1.2", "private-x")));
    const presence = pusher.authorizeChannel("1.2", "presence-x", { user_id: "u", user_info: { a: 1 } });
    expect(presence.channel_data).toBeDefined();
    expect(verifySocketAuth(APP, presence.auth, channelStringToSign("1.2", "presence-x", presence.channel_data))).toBe(true);
    expect(verifySocketAuth(APP, presence.auth, channelStringToSign("1.3", "presence-x", presence.channel_data))).toBe(false);
  });

  it("match pusher.authenticateUser", () => {
    const { auth, user_data: userData } = pusher.authenticateUser("3.4", { id: "u1" });
    expect(verifySocketAuth(APP, auth, userStringToSign("3.4", userData))).toBe(true);
  });

  it("reject malformed auth values", () => {
    const toSign = channelStringToSign("1.2", "private-x");
    for (const auth of [undefined, 42, "", "no-colon", `${APP.key}:`, `other:${signSocketAuth(APP, toSign).split(":")[1]}`]) {
      expect(verifySocketAuth(APP, auth, toSign)).toBe(false);
    }
  });

  it("safeEqual compares exactly", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});

describe("verifyApiRequest", () => {
  const path = `/apps/${APP.appId}/events`;
  const body = JSON.stringify({ name: "e", data: "{}", channels: ["a"] });

  it("accepts the pusher lib's signed query string and rejects tampering", () => {
    const rawQuery = pusher.createSignedQueryString({ method: "POST", path, body, params: { info: "user_count" } });
    const request = { app: APP, method: "POST", path, rawQuery, body: Buffer.from(body) };
    expect(verifyApiRequest(request).ok).toBe(true);
    expect(verifyApiRequest({ ...request, method: "GET" }).ok).toBe(false);
    expect(verifyApiRequest({ ...request, path: `${path}x` }).ok).toBe(false);
    expect(verifyApiRequest({ ...request, body: Buffer.from(`${body} `) }).ok).toBe(false);
    expect(verifyApiRequest({ ...request, rawQuery: rawQuery.replace("user_count", "x") }).ok).toBe(false);
    expect(verifyApiRequest({ ...request, rawQuery: `${rawQuery}&info=again` })).toMatchObject({ status: 400 });
    const now = Math.floor(Date.now() / 1000);
    expect(verifyApiRequest({ ...request, nowSeconds: now + 601 })).toMatchObject({ ok: false, status: 401 });
  });

  it("treats query keys case-insensitively, as the signature is over lowercased keys", () => {
    const rawQuery = pusher.createSignedQueryString({ method: "GET", path: `/apps/${APP.appId}/channels` });
    const upper = rawQuery.replace("auth_key=", "AUTH_KEY=");
    expect(
      verifyApiRequest({ app: APP, method: "GET", path: `/apps/${APP.appId}/channels`, rawQuery: upper, body: Buffer.alloc(0) }).ok,
    ).toBe(true);
  });
});
