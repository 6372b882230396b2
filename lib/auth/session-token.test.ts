// The session cookie's payload is remembered by the exact token string: decoded once, expiry checked
// on every read, failures never remembered.
import { afterEach, describe, expect, it, vi } from "vitest";

const decodes = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth/jwt")>();
  return {
    ...original,
    decode: (params: Parameters<typeof original.decode>[0]) => {
      decodes.count++;
      return original.decode(params);
    },
  };
});

import { encode } from "next-auth/jwt";
import { decodeSessionToken } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const cookie = (token: string) => new Map([["next-auth.session-token", token]]);
const mint = (sub: string, maxAge = 3600) => encode({ secret, token: { sub, sv: 0 }, maxAge });

afterEach(() => {
  vi.useRealTimers();
});

describe("decodeSessionToken", () => {
  it("decodes a token once and answers later reads of the same string from memory", async () => {
    const token = await mint("user-1");
    const before = decodes.count;
    const first = await decodeSessionToken(cookie(token), secret);
    const second = await decodeSessionToken(cookie(token), secret);
    expect(first?.sub).toBe("user-1");
    expect(second).toEqual(first);
    expect(decodes.count - before).toBe(1);
    // Each caller gets its own object: changing one does not change what the next request reads.
    (second as { sub?: string }).sub = "someone-else";
    expect((await decodeSessionToken(cookie(token), secret))?.sub).toBe("user-1");
  });

  it("never remembers a token it could not decode, nor one under another secret", async () => {
    const token = await mint("user-2");
    const tampered = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    const before = decodes.count;
    expect(await decodeSessionToken(cookie(tampered), secret)).toBeNull();
    expect(await decodeSessionToken(cookie(tampered), secret)).toBeNull();
    expect(decodes.count - before).toBe(2);
    expect(await decodeSessionToken(cookie(token), secret)).not.toBeNull();
    expect(await decodeSessionToken(cookie(token), `${secret}-rotated`)).toBeNull();
  });

  it("stops answering a remembered token once it has expired", async () => {
    const token = await mint("user-3", 60);
    expect((await decodeSessionToken(cookie(token), secret))?.sub).toBe("user-3");
    vi.useFakeTimers({ now: Date.now() + 60_000 + 10_000, toFake: ["Date"] });
    expect((await decodeSessionToken(cookie(token), secret))?.sub).toBe("user-3"); // within the 15 s tolerance
    vi.setSystemTime(Date.now() + 10_000);
    expect(await decodeSessionToken(cookie(token), secret)).toBeNull();
  });
});
