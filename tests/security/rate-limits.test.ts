// Rate limits hold under a burst and recover (OWASP ASVS V2.2.1 / V11.1.4): sending messages (per
// user, CHAT_SEND_RATE_LIMIT per 10 s), sign-in and registration (per IP and per account), and the
// per-user budgets of issue #12: current-password checks and group creation (uploads: uploads.test.ts). Bursts
// are concurrent requests through the real route handlers; recovery uses the limiter's clock.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("./session-mock")).sessionModule);

const { signInAs, sessionModule } = await import("./session-mock");
const { makeFixture, makeRequest, newId } = await import("./support");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const { createSendLimiter, setSendLimiterForTests, SEND_WINDOW_MS } = await import("@/lib/rate-limit/send-limit");
const { MemoryRateLimitStore } = await import("@/lib/rate-limit/limiter");
const { createAuthLimiters, recordSignInSuccess, reserveSignInAttempt } = await import("@/lib/rate-limit/auth-limits");
const { serverEnv } = await import("@/lib/config/env");
const { makeUsers } = await import("@/tests/support/chat-fixtures");
const { db } = await import("@/lib/db/client");
const messagesRoute = await import("@/app/api/conversations/[id]/messages/route");
const passwordRoute = await import("@/app/api/profile/password/route");
const conversationsRoute = await import("@/app/api/conversations/route");
const { createUserBudgets, setUserBudgetsForTests, GROUPS_PER_HOUR } = await import("@/lib/rate-limit/user-budgets");
const { registerUser } = await import("@/lib/auth/accounts");
const registerRoute = await import("@/app/api/auth/register/route");
const nextAuthRoute = await import("@/app/api/auth/[...nextauth]/route");

/** A clock the limiters read, moved by the tests. */
let now = Date.now();
const clock = () => now;
const globalLimits = globalThis as unknown as { parleyAuthLimiters?: ReturnType<typeof createAuthLimiters> };
const figures: Record<string, string> = {};

beforeAll(() => setSessionResolverForTests(() => sessionModule.requireSessionUser()));
afterEach(() => {
  setSendLimiterForTests(null);
  setUserBudgetsForTests(null);
  globalLimits.parleyAuthLimiters = undefined;
});
afterAll(async () => {
  setSessionResolverForTests(null);
  console.info(`rate limits: ${JSON.stringify(figures)}`);
  await db.$disconnect();
});

describe("sending messages", () => {
  it("defaults to 30 messages per user per 10 s (CHAT_SEND_RATE_LIMIT)", () => {
    expect(SEND_WINDOW_MS).toBe(10_000);
    if (!process.env.CHAT_SEND_RATE_LIMIT) expect(serverEnv().CHAT_SEND_RATE_LIMIT).toBe(30);
  });

  it("holds under a burst of 60 concurrent sends (30 stored, 30 × 429 with Retry-After, nothing stored for them) and recovers", async () => {
    const f = await makeFixture("Rate");
    setSendLimiterForTests(createSendLimiter(new MemoryRateLimitStore(clock), 30));
    signInAs(f.member);
    const before = await db.message.count({ where: { conversationId: f.groupId } });
    const ids = Array.from({ length: 60 }, () => newId());
    const responses = await Promise.all(
      ids.map((id) =>
        messagesRoute.POST(makeRequest("POST", `/api/conversations/${f.groupId}/messages`, { json: { id, body: `burst ${id}` } }), {
          params: Promise.resolve({ id: f.groupId }),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(30);
    for (const r of limited) {
      const retryAfter = Number(r.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(10);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    }
    const stored = await db.message.findMany({ where: { conversationId: f.groupId, id: { in: ids } }, select: { id: true } });
    expect(stored).toHaveLength(30);
    expect(await db.message.count({ where: { conversationId: f.groupId } })).toBe(before + 30);

    // another user is not affected by this user's budget
    signInAs(f.admin);
    const other = await messagesRoute.POST(
      makeRequest("POST", `/api/conversations/${f.groupId}/messages`, { json: { id: newId(), body: "other" } }),
      {
        params: Promise.resolve({ id: f.groupId }),
      },
    );
    expect(other.status).toBe(201);

    // recovery: after the window the member can send again (and a refused message can be retried with its id)
    now += SEND_WINDOW_MS + 1;
    signInAs(f.member);
    const retriedId = ids[statuses.indexOf(429)]!;
    const again = await messagesRoute.POST(
      makeRequest("POST", `/api/conversations/${f.groupId}/messages`, { json: { id: retriedId, body: `burst ${retriedId}` } }),
      {
        params: Promise.resolve({ id: f.groupId }),
      },
    );
    expect(again.status).toBe(201);
    figures.send = `burst 60 → ${30} accepted, ${limited.length} × 429; recovered after ${SEND_WINDOW_MS / 1000} s`;
  });

  it("holds with the real clock too (same limiter class, no fake time)", async () => {
    const f = await makeFixture("RateRt");
    setSendLimiterForTests(createSendLimiter(new MemoryRateLimitStore(), 5));
    // the window is 10 s in production; this limiter is the same class with the real clock
    signInAs(f.member);
    const send = () =>
      messagesRoute.POST(makeRequest("POST", `/api/conversations/${f.groupId}/messages`, { json: { id: newId(), body: "rt" } }), {
        params: Promise.resolve({ id: f.groupId }),
      });
    const burst = await Promise.all(Array.from({ length: 8 }, send));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(5);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(3);
  });
});

describe("sign-in", () => {
  it("per IP: a burst of 40 attempts from one address → 30 allowed, 10 refused with retryAfter; recovers after 15 min", async () => {
    const limiters = createAuthLimiters(new MemoryRateLimitStore(clock), 30);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        reserveSignInAttempt("203.0.113.7", `someone-${i}@parley.test`, limiters).then(
          () => "ok",
          (e: { code: string; retryAfter: number }) => e,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(30);
    const refused = outcomes.filter((o): o is { code: string; retryAfter: number } => o !== "ok");
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r.code).toBe("rate_limited");
      expect(r.retryAfter).toBeGreaterThan(0);
      expect(r.retryAfter).toBeLessThanOrEqual(15 * 60);
    }
    // another address is unaffected
    await expect(reserveSignInAttempt("203.0.113.8", "someone@parley.test", limiters)).resolves.toBeUndefined();
    now += 15 * 60_000 + 1;
    await expect(reserveSignInAttempt("203.0.113.7", "someone@parley.test", limiters)).resolves.toBeUndefined();
    figures.signInIp = "burst 40 → 30 allowed, 10 refused; recovered after 15 min";
  });

  it("per account: 5 failures lock the account for every IP; a success clears them", async () => {
    const limiters = createAuthLimiters(new MemoryRateLimitStore(clock), 1_000);
    const email = `victim-${Date.now()}@parley.test`;
    // Each attempt is reserved as a failure before its password is checked.
    for (let i = 0; i < 5; i += 1) await reserveSignInAttempt(`198.51.100.${i}`, email, limiters);
    await expect(reserveSignInAttempt("198.51.100.99", email, limiters)).rejects.toMatchObject({ code: "rate_limited" });
    now += 15 * 60_000 + 1;
    await expect(reserveSignInAttempt("198.51.100.99", email, limiters)).resolves.toBeUndefined();
    await recordSignInSuccess(email, limiters);
    for (let i = 0; i < 4; i += 1) await reserveSignInAttempt("198.51.100.98", email, limiters);
    await expect(reserveSignInAttempt("198.51.100.99", email, limiters)).resolves.toBeUndefined();
  });

  it("the credentials callback route answers 429 with Retry-After once the IP is over budget (before NextAuth runs)", async () => {
    const limiters = createAuthLimiters(new MemoryRateLimitStore(clock), 3);
    globalLimits.parleyAuthLimiters = limiters;
    const ip = "192.0.2.44";
    for (let i = 0; i < 3; i += 1) await reserveSignInAttempt(ip, "x@parley.test", limiters);
    const body = new URLSearchParams({ email: "x@parley.test", password: "whatever", csrfToken: "t" });
    const response = await nextAuthRoute.POST(
      makeRequest("POST", "/api/auth/callback/credentials", { urlencoded: Object.fromEntries(body) }, { "x-forwarded-for": ip }) as never,
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
    );
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("registration", () => {
  it("per IP: a burst of 40 registrations from one address → 30 processed, 10 × 429; recovers after 15 min", async () => {
    globalLimits.parleyAuthLimiters = createAuthLimiters(new MemoryRateLimitStore(clock), 30);
    // Existing emails: each request spends budget and ends in 409 without hashing a password.
    const taken = await makeUsers(41, "RegBurst");
    const ip = "203.0.113.99";
    const register = (email: string) =>
      registerRoute.POST(
        makeRequest(
          "POST",
          "/api/auth/register",
          { json: { name: "Burst", email, password: "a long enough password 123" } },
          { "x-forwarded-for": ip },
        ),
      );
    const responses = await Promise.all(taken.slice(0, 40).map((u) => register(u.email)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(10);
    for (const r of limited) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    now += 15 * 60_000 + 1;
    expect((await register(taken[40]!.email)).status).toBe(409);
    figures.register = "burst 40 → 30 processed, 10 × 429; recovered after 15 min";
  });
});

// Issue #12 item 5: the current password could be guessed without limit (two bcrypt-12 hashes per
// try), and groups created without limit.
describe("password change", () => {
  it("5 wrong current passwords (even concurrent) lock the check for 15 min: 429 + Retry-After, also for the right one; recovers", async () => {
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore(clock)));
    const password = "the right current password 42";
    const email = `pw-${Date.now()}-${Math.random().toString(36).slice(2)}@parley.test`;
    const user = await registerUser({ name: "Pw User", email, password }, { ip: `10.99.${Math.floor(Math.random() * 250)}.1` });
    signInAs({ id: user.id, name: user.name, image: null });
    const attempt = (currentPassword: string) =>
      passwordRoute.POST(
        makeRequest("POST", "/api/profile/password", { json: { currentPassword, newPassword: "a brand new long password 123" } }),
        undefined,
      );
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(`wrong guess ${i}`)));
    const statuses = guesses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const locked = await attempt(password);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    figures.passwordCheck = `8 concurrent wrong guesses → 5 × 400, 3 × 429; right password locked, Retry-After ${retryAfter} s`;
    now += 15 * 60 * 1000 + 1;
    expect((await attempt(password)).status).toBe(204);
  });
});

describe("group creation", () => {
  it(`allows ${GROUPS_PER_HOUR} groups per user per hour, then 429 + Retry-After; others unaffected; recovers`, async () => {
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore(clock)));
    const [creator, a, b, other] = await makeUsers(4, "RateGroup");
    const create = (actor: typeof creator) => {
      signInAs(actor!);
      return conversationsRoute.POST(
        makeRequest("POST", "/api/conversations", { json: { type: "group", name: "Budget", memberIds: [a!.id, b!.id] } }),
        undefined,
      );
    };
    for (let i = 0; i < GROUPS_PER_HOUR; i += 1) expect((await create(creator)).status).toBe(201);
    const before = await db.conversation.count({ where: { users: { some: { id: creator!.id } } } });
    const refused = await create(creator);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await db.conversation.count({ where: { users: { some: { id: creator!.id } } } })).toBe(before);
    expect((await create(other)).status).toBe(201);
    now += 60 * 60 * 1000 + 1;
    expect((await create(creator)).status).toBe(201);
  });
});
