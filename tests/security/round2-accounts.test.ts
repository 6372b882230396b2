// Security round 2 (issue 12), the account items: bodies stop at their limit even when chunked (4),
// an unverified e-mail is not trusted (6), the client-log endpoint is gone (7), security events are
// logged without secrets (12), OAuth tokens are not stored (13). Each case is an attack that
// worked on the earlier code.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("./session-mock")).sessionModule);

const { signInAs, sessionModule } = await import("./session-mock");
const { makeFixture, makeRequest, ORIGIN } = await import("./support");
const { makeUsers } = await import("@/tests/support/chat-fixtures");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const { db } = await import("@/lib/db/client");
const { authenticate } = await import("@/lib/auth/accounts");
const { createAdapter, logCode } = await import("@/lib/auth/options");
const { hashPassword } = await import("@/lib/auth/password");
const { searchUsers } = await import("@/lib/chat/people/search");
const { requireMembership } = await import("@/lib/chat/kernel/access");
const { setSecurityLogSinkForTests } = await import("@/lib/security/log");
const { createUserBudgets, setUserBudgetsForTests } = await import("@/lib/rate-limit/user-budgets");
const { MemoryRateLimitStore } = await import("@/lib/rate-limit/limiter");
const { authorizeChannel } = await import("@/lib/realtime/authorize");
const registerRoute = await import("@/app/api/auth/register/route");
const passwordRoute = await import("@/app/api/profile/password/route");
const messagesRoute = await import("@/app/api/conversations/[id]/messages/route");
const realtimeAuthRoute = await import("@/app/api/realtime/auth/route");
const nextAuthRoute = await import("@/app/api/auth/[...nextauth]/route");

const logged: string[] = [];
beforeAll(() => {
  setSessionResolverForTests(() => sessionModule.requireSessionUser());
  setSecurityLogSinkForTests((line) => logged.push(line));
});
afterEach(() => {
  logged.length = 0;
});
afterAll(() => {
  setSessionResolverForTests(null);
  setSecurityLogSinkForTests(null);
});

/** A chunked request body (no Content-Length) that would go on for `total` bytes; counts what was read. */
function endlessBody(path: string, total = 8 * 1024 * 1024, type = "application/json"): { request: Request; pulled: () => number } {
  let pulled = 0;
  const chunk = new TextEncoder().encode(`{"x":"${"a".repeat(16 * 1024)}`);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": type },
    body: stream,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  return { request, pulled: () => pulled };
}

describe("request bodies stop at their limit, chunked or not (item 4)", () => {
  it("register, password change, send, channel auth and NextAuth answer 413 having read little more than the limit", async () => {
    const f = await makeFixture("Body");
    signInAs(f.member);
    const cases: [string, (request: Request) => Promise<Response>, number][] = [
      ["/api/auth/register", (r) => registerRoute.POST(r), 64 * 1024],
      ["/api/profile/password", (r) => passwordRoute.POST(r), 64 * 1024],
      [`/api/conversations/${f.groupId}/messages`, (r) => messagesRoute.POST(r, { params: Promise.resolve({ id: f.groupId }) }), 64 * 1024],
      ["/api/realtime/auth", (r) => realtimeAuthRoute.POST(r), 64 * 1024],
      [
        "/api/auth/callback/credentials",
        (r) => nextAuthRoute.POST(r as never, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) }),
        16 * 1024,
      ],
    ];
    for (const [path, call, limit] of cases) {
      const { request, pulled } = endlessBody(path);
      const response = await call(request);
      expect(response.status, path).toBe(413);
      expect(pulled(), path).toBeLessThan(limit + 64 * 1024);
    }
  });
});

describe("an unverified e-mail is not trusted (item 6)", () => {
  it("exact-address search finds verified addresses only", async () => {
    const [searcher, unverified, verified] = await makeUsers(3, "Verify");
    await db.user.update({ where: { id: verified!.id }, data: { emailVerified: new Date() } });
    expect(await searchUsers(searcher!.id, { query: unverified!.email })).toEqual([]);
    expect((await searchUsers(searcher!.id, { query: verified!.email.toUpperCase() })).map((u) => u.id)).toEqual([verified!.id]);
  });

  it("a provider-verified OAuth sign-in claims an address a password account never verified, without linking to it", async () => {
    const squatted = `ceo-${Date.now()}@corp.test`;
    const squatter = await db.user.create({
      data: { name: "Squatter", email: squatted, hashedPassword: await hashPassword("squatter password 1") },
      select: { id: true },
    });
    const adapter = createAdapter();
    // NextAuth asks for the user by e-mail during an OAuth sign-in: none, so it creates the real owner's account.
    expect(await adapter.getUserByEmail!(squatted)).toBeNull();
    expect((await db.user.findUnique({ where: { id: squatter.id }, select: { email: true } }))?.email).toBeNull();
    const owner = await adapter.createUser!({ email: squatted, emailVerified: new Date(), name: "Real CEO", image: null } as never);
    expect(owner.id).not.toBe(squatter.id);
    // The squatter's password no longer signs in to that address.
    expect(await authenticate({ email: squatted, password: "squatter password 1" })).toBeNull();
    // A verified address stays with its account.
    expect((await adapter.getUserByEmail!(squatted))?.id).toBe(owner.id);
  });
});

describe("the client-log endpoint is gone (item 7)", () => {
  it("answers 404 to GET and POST and logs nothing a client sends", async () => {
    const params = { params: Promise.resolve({ nextauth: ["_log"] }) };
    const forged = { code: "FORGED]\n[next-auth][error][ADMIN_LOGIN", level: "error", message: "forged" };
    const post = await nextAuthRoute.POST(makeRequest("POST", "/api/auth/_log", { urlencoded: forged }) as never, params);
    expect(post.status).toBe(404);
    expect((await nextAuthRoute.GET(makeRequest("GET", "/api/auth/_log") as never, params)).status).toBe(404);
    expect(logCode(forged.code)).toBe("FORGEDnextautherrorADMIN_LOGIN");
  });
});

describe("security events are logged, without secrets (item 12)", () => {
  it("a failed sign-in, a refused authorization, and never the password or the address", async () => {
    const email = `logged-${Date.now()}@parley.test`;
    const user = await db.user.create({
      data: { name: "Logged", email, hashedPassword: await hashPassword("the right password 1") },
      select: { id: true },
    });
    expect(await authenticate({ email, password: "a wrong password 1" })).toBeNull();
    const f = await makeFixture("Log");
    await expect(requireMembership(f.outsider.id, f.groupId)).rejects.toMatchObject({ code: "not_found" });
    const events = logged.map((line) => JSON.parse(line) as Record<string, string>);
    expect(events).toContainEqual(expect.objectContaining({ type: "security", event: "signin.failed", userId: user.id }));
    expect(events).toContainEqual(
      expect.objectContaining({ event: "authorization.refused", userId: f.outsider.id, target: `conversation:${f.groupId}` }),
    );
    const all = logged.join("\n");
    expect(all).not.toContain("a wrong password 1");
    expect(all).not.toContain(email);
  });
});

describe("OAuth tokens are not stored (item 13)", () => {
  it("linkAccount keeps the provider and account id, drops access, refresh and id tokens", async () => {
    const [user] = await makeUsers(1, "Tokens");
    await createAdapter().linkAccount!({
      userId: user!.id,
      type: "oauth",
      provider: "github",
      providerAccountId: `gh-${Date.now()}`,
      access_token: "gho_secret",
      refresh_token: "ghr_secret",
      id_token: "eyJ.secret",
      session_state: "state",
      token_type: "bearer",
      scope: "read:user",
      expires_at: 123.4,
    } as never);
    const row = await db.account.findFirst({ where: { userId: user!.id } });
    expect(row).toMatchObject({
      provider: "github",
      access_token: null,
      refresh_token: null,
      id_token: null,
      session_state: null,
      token_type: "bearer",
      expires_at: 123,
    });
  });
});

describe("people search has a budget (item 5)", () => {
  afterEach(() => setUserBudgetsForTests(null));

  it("refuses one-letter name searches and more than 60 searches a minute per user", async () => {
    const [searcher, other] = await makeUsers(2, "Budget");
    await expect(searchUsers(searcher!.id, { query: "a" })).rejects.toMatchObject({ code: "bad_request" });
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore()));
    const outcomes = await Promise.all(
      Array.from({ length: 65 }, () =>
        searchUsers(searcher!.id, { query: "Budget" }).then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(60);
    expect(outcomes.filter((o) => o === "rate_limited")).toHaveLength(5);
    // Another user is unaffected.
    await expect(searchUsers(other!.id, { query: "Budget" })).resolves.toBeDefined();
  });
});

describe("refused channel authorizations are logged (item 12)", () => {
  it("someone else's user channel and an unknown channel name", async () => {
    const [me, them] = await makeUsers(2, "ChanLog");
    await expect(authorizeChannel(me!.id, { socket_id: "123.456", channel_name: `private-user-${them!.id}` })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(authorizeChannel(me!.id, { socket_id: "123.456", channel_name: "public-news" })).rejects.toMatchObject({
      code: "forbidden",
    });
    const events = logged.map((line) => JSON.parse(line) as Record<string, string>);
    expect(events).toContainEqual(
      expect.objectContaining({ event: "authorization.refused", userId: me!.id, target: `channel:private-user-${them!.id}` }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ event: "authorization.refused", userId: me!.id, target: "channel:public-news" }),
    );
  });
});
