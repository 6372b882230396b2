// The route handlers, called as Next calls them (a Request and route params), with the session
// supplied through the test seam of lib/chat/http: status codes, CSRF, bad input, response shapes.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as conversationRoute from "@/app/api/conversations/route";
import * as conversationByIdRoute from "@/app/api/conversations/[id]/route";
import * as messagesRoute from "@/app/api/conversations/[id]/messages/route";
import * as seenRoute from "@/app/api/conversations/[id]/seen/route";
import * as realtimeAuthRoute from "@/app/api/realtime/auth/route";
import * as userAuthRoute from "@/app/api/realtime/user-auth/route";
import * as usersRoute from "@/app/api/users/route";
import type { SessionUser } from "@/lib/auth/session";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { setSessionResolverForTests } from "@/lib/http/route";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { conversationChannel, conversationPresenceChannel } from "@/lib/realtime/channels";

const ORIGIN = "http://localhost:3000";

function signIn(user: SessionUser | null) {
  setSessionResolverForTests(async () => {
    if (!user) throw new AppError("unauthorized", "Please sign in to continue.");
    return user;
  });
}
afterEach(() => setSessionResolverForTests(null));
afterAll(() => db.$disconnect());

function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { origin: ORIGIN, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
  }
  return new Request(`${ORIGIN}${path}`, init);
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const user = (u: { id: string; name: string | null; image: string | null }): SessionUser => ({ id: u.id, name: u.name, image: u.image });

describe("chat routes", () => {
  it("runs a conversation end to end: start, send, resend, page, seen, list, delete", async () => {
    const [alice, bob] = await makeUsers(2, "Route");
    signIn(user(alice!));
    const created = await conversationRoute.POST(request("POST", "/api/conversations", { type: "direct", userId: bob!.id }), undefined);
    expect(created.status).toBe(201);
    const { conversation } = (await created.json()) as { conversation: { id: string } };
    const again = await conversationRoute.POST(request("POST", "/api/conversations", { type: "direct", userId: bob!.id }), undefined);
    expect(again.status).toBe(200);

    const message = { id: newMessageId("postgresql"), body: "hello" };
    const sent = await messagesRoute.POST(
      request("POST", `/api/conversations/${conversation.id}/messages`, message),
      params(conversation.id),
    );
    expect(sent.status).toBe(201);
    const resent = await messagesRoute.POST(
      request("POST", `/api/conversations/${conversation.id}/messages`, message),
      params(conversation.id),
    );
    expect(resent.status).toBe(200);
    expect(((await resent.json()) as { created: boolean }).created).toBe(false);

    signIn(user(bob!));
    const page = await messagesRoute.GET(
      request("GET", `/api/conversations/${conversation.id}/messages?limit=10`),
      params(conversation.id),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const body = (await page.json()) as { messages: { id: string }[]; hasOlder: boolean };
    expect(body.messages.map((m) => m.id)).toEqual([message.id]);

    const seen = await seenRoute.POST(
      request("POST", `/api/conversations/${conversation.id}/seen`, { messageId: message.id }),
      params(conversation.id),
    );
    expect(await seen.json()).toEqual({ seenCount: 1, unreadCount: 0 });

    const list = await conversationRoute.GET(request("GET", "/api/conversations"), undefined);
    const listed = (await list.json()) as { conversations: { id: string; unreadCount: number }[]; nextCursor: null };
    expect(listed.conversations.map((c) => [c.id, c.unreadCount])).toEqual([[conversation.id, 0]]);

    const detail = await conversationByIdRoute.GET(request("GET", `/api/conversations/${conversation.id}`), params(conversation.id));
    expect(((await detail.json()) as { messages: { messages: unknown[] } }).messages.messages).toHaveLength(1);

    const removed = await conversationByIdRoute.DELETE(request("DELETE", `/api/conversations/${conversation.id}`), params(conversation.id));
    expect(await removed.json()).toEqual({ result: "hidden" });
  });

  it("answers 401 without a session, 403 cross-site, 404 to non-members, 400 to bad input", async () => {
    const [alice, bob, mallory] = await makeUsers(3, "RouteDeny");
    signIn(user(alice!));
    const { conversation } = (await (
      await conversationRoute.POST(request("POST", "/api/conversations", { type: "direct", userId: bob!.id }), undefined)
    ).json()) as { conversation: { id: string } };
    const path = `/api/conversations/${conversation.id}/messages`;

    signIn(null);
    expect((await conversationRoute.GET(request("GET", "/api/conversations"), undefined)).status).toBe(401);

    signIn(user(alice!));
    const send = (body: unknown, headers?: Record<string, string>) =>
      messagesRoute.POST(request("POST", path, body, headers), params(conversation.id));
    const crossSite = await send({ id: newMessageId("postgresql"), body: "x" }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    const noOrigin = new Request(`${ORIGIN}${path}`, {
      method: "POST",
      body: JSON.stringify({ id: newMessageId("postgresql"), body: "x" }),
    });
    expect((await messagesRoute.POST(noOrigin, params(conversation.id))).status).toBe(403);
    const sameSiteFetch = new Request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ id: newMessageId("postgresql"), body: "ok" }),
    });
    expect((await messagesRoute.POST(sameSiteFetch, params(conversation.id))).status).toBe(201);

    const badJson = await send("{not json");
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { message: string } }).error.message).toMatch(/JSON/);
    const empty = await send({ id: newMessageId("postgresql"), body: "" });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toHaveProperty("body");
    expect((await send([1, 2])).status).toBe(400);
    expect((await send("x".repeat(70_000))).status).toBe(413);
    const badType = await conversationRoute.POST(request("POST", "/api/conversations", { type: "channel" }), undefined);
    expect(badType.status).toBe(400);
    const badCursor = await messagesRoute.GET(request("GET", `${path}?before=%%%`), params(conversation.id));
    expect(badCursor.status).toBe(400);

    signIn(user(mallory!));
    for (const response of [
      await messagesRoute.GET(request("GET", path), params(conversation.id)),
      await send({ id: newMessageId("postgresql"), body: "intruder" }),
      await conversationByIdRoute.GET(request("GET", `/api/conversations/${conversation.id}`), params(conversation.id)),
      await conversationByIdRoute.DELETE(request("DELETE", `/api/conversations/${conversation.id}`), params(conversation.id)),
      await seenRoute.POST(
        request("POST", `/api/conversations/${conversation.id}/seen`, { messageId: newMessageId("postgresql") }),
        params(conversation.id),
      ),
      await messagesRoute.GET(request("GET", "/api/conversations/not-an-id/messages"), params("not-an-id")),
    ]) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("searches people without echoing emails", async () => {
    const [alice, bob] = await makeUsers(2, "RouteSearch");
    // Only a verified address is found by exact e-mail (security round 2, item 6).
    await db.user.update({ where: { id: bob!.id }, data: { emailVerified: new Date() } });
    signIn(user(alice!));
    const response = await usersRoute.GET(request("GET", `/api/users?query=${encodeURIComponent(bob!.email)}`), undefined);
    const text = await response.text();
    // Username and about are public profile fields (issue 15); no e-mail.
    expect(JSON.parse(text)).toEqual({ users: [{ id: bob!.id, name: bob!.name, image: null, username: null, about: null }] });
    expect(text).not.toContain("@");
    expect((await usersRoute.GET(request("GET", "/api/users"), undefined)).status).toBe(400);
  });

  it("authorizes realtime channels from pusher-js form posts", async () => {
    const [alice, bob, mallory] = await makeUsers(3, "RouteAuth");
    signIn(user(alice!));
    const { conversation } = (await (
      await conversationRoute.POST(request("POST", "/api/conversations", { type: "direct", userId: bob!.id }), undefined)
    ).json()) as { conversation: { id: string } };
    const form = (channel: string) =>
      request("POST", "/api/realtime/auth", `socket_id=123.456&channel_name=${encodeURIComponent(channel)}`, {
        "content-type": "application/x-www-form-urlencoded",
      });
    const ok = await realtimeAuthRoute.POST(form(conversationChannel(conversation.id)), undefined);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { auth: string }).auth).toMatch(/^[^:]+:[0-9a-f]{64}$/);
    const presence = (await (await realtimeAuthRoute.POST(form(conversationPresenceChannel(conversation.id)), undefined)).json()) as {
      channel_data: string;
    };
    expect(JSON.parse(presence.channel_data)).toEqual({ user_id: alice!.id, user_info: { name: alice!.name, image: null } });
    const signin = await userAuthRoute.POST(
      request("POST", "/api/realtime/user-auth", "socket_id=1.2", { "content-type": "application/x-www-form-urlencoded" }),
      undefined,
    );
    expect(JSON.parse(((await signin.json()) as { user_data: string }).user_data)).toMatchObject({ id: alice!.id });

    signIn(user(mallory!));
    expect((await realtimeAuthRoute.POST(form(conversationChannel(conversation.id)), undefined)).status).toBe(403);
    expect((await realtimeAuthRoute.POST(form("private-user-" + alice!.id), undefined)).status).toBe(403);
    const missing = await realtimeAuthRoute.POST(
      request("POST", "/api/realtime/auth", "channel_name=x", { "content-type": "application/x-www-form-urlencoded" }),
      undefined,
    );
    expect(missing.status).toBe(400);
  });
});
