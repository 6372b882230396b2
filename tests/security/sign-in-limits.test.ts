// Security round 2, item 1: the sign-in limits cannot be dodged (OWASP ASVS V6.3.1, V6.3.3).
// Each case reproduces an attack that passed on the earlier gate (which read the e-mail with
// formData(), counted a failure only after it happened, and trusted any X-Forwarded-For):
// a JSON body, a repeated e-mail key, concurrent guesses, a rotated X-Forwarded-For.
import { afterEach, describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/request";
import { createAuthLimiters } from "@/lib/rate-limit/auth-limits";
import { MemoryRateLimitStore } from "@/lib/rate-limit/limiter";
import { makeRequest } from "./support";

const nextAuthRoute = await import("@/app/api/auth/[...nextauth]/route");
const globalLimits = globalThis as unknown as { parleyAuthLimiters?: ReturnType<typeof createAuthLimiters> };
afterEach(() => {
  globalLimits.parleyAuthLimiters = undefined;
});

const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };

/**
 * One credentials sign-in attempt through the real route: the limits' answer (429, 413), or
 * PASSED when the attempt got through to NextAuth (which needs a live Next request to go on: it
 * throws here at cookies(); e2e/security.spec.ts signs in through it over HTTP).
 */
const PASSED = 0;
async function attempt(body: { json: unknown } | { raw: string; type: string }, headers: Record<string, string> = {}): Promise<number> {
  try {
    const response = await nextAuthRoute.POST(makeRequest("POST", "/api/auth/callback/credentials", body, headers) as never, context);
    return response.status;
  } catch (error) {
    if (/outside a request scope/.test((error as Error).message)) return PASSED;
    throw error;
  }
}

const victim = () => `victim-${Date.now()}-${Math.random().toString(36).slice(2)}@parley.test`;

describe("sign-in limits", () => {
  it("count a JSON body against the account NextAuth reads from it", async () => {
    globalLimits.parleyAuthLimiters = createAuthLimiters(new MemoryRateLimitStore(), 1_000);
    const email = victim();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push(
        await attempt({ json: { email, password: `guess ${i}`, csrfToken: "t", json: "true" } }, { "x-forwarded-for": `203.0.113.${i}` }),
      );
    }
    expect(statuses.slice(0, 5)).toEqual([PASSED, PASSED, PASSED, PASSED, PASSED]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it("count a repeated e-mail key against the last value (the one NextAuth uses)", async () => {
    globalLimits.parleyAuthLimiters = createAuthLimiters(new MemoryRateLimitStore(), 1_000);
    const email = victim();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const raw = `email=decoy-${i}%40parley.test&email=${encodeURIComponent(email)}&password=guess${i}&csrfToken=t`;
      statuses.push(await attempt({ raw, type: "application/x-www-form-urlencoded" }, { "x-forwarded-for": `198.51.100.${i}` }));
    }
    expect(statuses).toEqual([PASSED, PASSED, PASSED, PASSED, PASSED, 429]);
    // The e-mail address is the account, whatever its case.
    expect(
      await attempt({ json: { email: email.toUpperCase(), password: "x", csrfToken: "t" } }, { "x-forwarded-for": "198.51.100.200" }),
    ).toBe(429);
  });

  it("reserve each attempt before the password is checked: of 12 concurrent guesses, 5 get through", async () => {
    globalLimits.parleyAuthLimiters = createAuthLimiters(new MemoryRateLimitStore(), 1_000);
    const email = victim();
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        attempt({ json: { email, password: `guess ${i}`, csrfToken: "t" } }, { "x-forwarded-for": `192.0.2.${i}` }),
      ),
    );
    expect(statuses.filter((s) => s === PASSED)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("refuse bodies over 16 KB with 413 before reading them whole", async () => {
    const status = await attempt({ raw: `email=a%40b.test&password=${"x".repeat(20_000)}`, type: "application/x-www-form-urlencoded" });
    expect(status).toBe(413);
  });

  it("do not trust X-Forwarded-For unless TRUST_PROXY says how many proxies append to it", () => {
    const spoofed = new Headers({ "x-forwarded-for": "1.2.3.4", "x-parley-peer-address": "203.0.113.9" });
    expect(clientIp(spoofed, 0)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4" }), 0)).toBe("unknown");
    // One trusted proxy: its entry (the right-most) is the client; whatever the client prepended is ignored.
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" }), 2)).toBe("203.0.113.9");
  });

  it("with TRUST_PROXY=0, rotating X-Forwarded-For does not escape the per-IP budget", async () => {
    globalLimits.parleyAuthLimiters = createAuthLimiters(new MemoryRateLimitStore(), 3);
    const previous = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = "0";
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        statuses.push(
          await attempt(
            { json: { email: `someone-${i}@parley.test`, password: "x", csrfToken: "t" } },
            { "x-forwarded-for": `10.9.${i}.1`, "x-parley-peer-address": "203.0.113.77" },
          ),
        );
      }
      expect(statuses).toEqual([PASSED, PASSED, PASSED, 429, 429]);
    } finally {
      process.env.TRUST_PROXY = previous;
    }
  });
});
