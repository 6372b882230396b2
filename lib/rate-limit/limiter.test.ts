import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertRegistrationAllowed, createAuthLimiters, recordSignInSuccess, reserveSignInAttempt } from "./auth-limits";
import { MemoryRateLimitStore, RateLimiter } from "./limiter";
import { RedisRateLimitStore } from "./redis-store";
import { redisAnswers, testRedisUrl } from "@/tests/support/redis";

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("RateLimiter (in-process store)", () => {
  it("allows max attempts per window, then refuses with the time left, then resets", async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(new MemoryRateLimitStore(clock.now), { name: "t", max: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) expect((await limiter.consume("k")).allowed).toBe(true);
    clock.advance(15_000);
    const refused = await limiter.consume("k");
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfter: 45 });
    clock.advance(45_000);
    expect((await limiter.consume("k")).allowed).toBe(true);
  });

  it("keeps identifiers apart and check() does not count", async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore(), { name: "t", max: 1, windowMs: 60_000 });
    expect((await limiter.check("a")).allowed).toBe(true);
    expect((await limiter.check("a")).allowed).toBe(true);
    await limiter.consume("a");
    expect((await limiter.check("a")).allowed).toBe(false);
    expect((await limiter.check("b")).allowed).toBe(true);
    await limiter.reset("a");
    expect((await limiter.check("a")).allowed).toBe(true);
  });
});

describe("auth budgets", () => {
  it("locks an account after 5 failed sign-ins, whatever the IP, and a success clears failures", async () => {
    const limits = createAuthLimiters(new MemoryRateLimitStore(), 1000);
    // Each attempt is reserved as a failure before the password is checked.
    for (let i = 0; i < 4; i++) await reserveSignInAttempt(`10.0.0.${i}`, "ann@parley.test", limits);
    await reserveSignInAttempt("10.0.0.1", "ann@parley.test", limits);
    await recordSignInSuccess("ann@parley.test", limits);
    for (let i = 0; i < 5; i++) await reserveSignInAttempt(`10.0.1.${i}`, "ann@parley.test", limits);
    const error = await reserveSignInAttempt("10.0.0.2", "ann@parley.test", limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(429);
    expect((error as AppError).retryAfter).toBeGreaterThan(14 * 60);
    expect((error as AppError).message).toMatch(/Try again in 15 minutes/);
    // Other accounts are unaffected.
    await reserveSignInAttempt("10.0.0.2", "bob@parley.test", limits);
  });

  it("limits attempts per IP across accounts", async () => {
    const limits = createAuthLimiters(new MemoryRateLimitStore(), 3);
    for (let i = 0; i < 3; i++) await reserveSignInAttempt("10.0.0.9", `u${i}@parley.test`, limits);
    await expect(reserveSignInAttempt("10.0.0.9", "new@parley.test", limits)).rejects.toMatchObject({ code: "rate_limited" });
    await reserveSignInAttempt("10.0.0.10", "new@parley.test", limits);
  });

  it("limits registrations per IP and per email", async () => {
    const limits = createAuthLimiters(new MemoryRateLimitStore(), 3);
    for (let i = 0; i < 3; i++) await assertRegistrationAllowed("10.1.0.1", `r${i}@parley.test`, limits);
    await expect(assertRegistrationAllowed("10.1.0.1", "r9@parley.test", limits)).rejects.toMatchObject({ code: "rate_limited" });
    const perEmail = createAuthLimiters(new MemoryRateLimitStore(), 1000);
    for (let i = 0; i < 5; i++) await assertRegistrationAllowed(`10.2.0.${i}`, "same@parley.test", perEmail);
    await expect(assertRegistrationAllowed("10.2.0.99", "same@parley.test", perEmail)).rejects.toMatchObject({ code: "rate_limited" });
  });
});

const redisUrl = testRedisUrl;
const redisUp = await redisAnswers(redisUrl);

describe.runIf(redisUp)(`RedisRateLimitStore (${redisUrl})`, () => {
  const prefix = `parley:test:${Date.now()}:${Math.random().toString(36).slice(2)}:`;
  const store = new RedisRateLimitStore(redisUrl, prefix);
  afterAll(() => store.close());

  it("shares one window between limiter instances (as between app servers)", async () => {
    const rule = { name: "shared", max: 2, windowMs: 60_000 };
    const a = new RateLimiter(store, rule);
    const b = new RateLimiter(new RedisRateLimitStore(redisUrl, prefix), rule);
    expect((await a.consume("ip")).allowed).toBe(true);
    expect((await b.consume("ip")).allowed).toBe(true);
    const refused = await a.consume("ip");
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBeGreaterThan(55);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
    expect((await b.check("ip")).allowed).toBe(false);
    await b.reset("ip");
    expect((await a.check("ip")).allowed).toBe(true);
  });

  it("expires the window", async () => {
    const limiter = new RateLimiter(store, { name: "short", max: 1, windowMs: 300 });
    await limiter.consume("x");
    expect((await limiter.consume("x")).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect((await limiter.consume("x")).allowed).toBe(true);
  });
});

describe("RedisRateLimitStore when Redis is down", () => {
  it("falls back to counting in-process instead of failing sign-ins", async () => {
    const store = new RedisRateLimitStore("redis://127.0.0.1:1");
    const limiter = new RateLimiter(store, { name: "down", max: 1, windowMs: 60_000 });
    expect((await limiter.consume("x")).allowed).toBe(true);
    expect((await limiter.consume("x")).allowed).toBe(false);
    await store.close();
  });
});
