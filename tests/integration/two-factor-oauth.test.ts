// The second factor after an OAuth sign-in (issue #17: "OAuth sign-ins are not asked again unless
// the user chooses so"), on the real database: the opt-in, the jwt callback's states (pending or
// signed in), the upgrade with a right code (the same budgets and lockout as the password path), and
// what a pending token can never do. Entry points with a pending cookie: tests/security/pending-session.test.ts.
import { decode } from "next-auth/jwt";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { beginSetup, confirmSetup, disableTwoFactor, setAskAfterOAuth, twoFactorStatus } from "@/lib/account/two-factor/operations";
import { completeSecondFactor } from "@/lib/account/two-factor/pending";
import { PENDING_SECOND_FACTOR_MS, pendingExpired, pendingToken } from "@/lib/account/two-factor/pending-state";
import { registerUser } from "@/lib/auth/accounts";
import { getAuthOptions, liveSessionFor, SessionRevokedError, type ParleyToken } from "@/lib/auth/options";
import { bumpSessionVersion, getSessionVersion } from "@/lib/auth/session-version";
import { db } from "@/lib/db/client";
import { ACCOUNT_SIGN_IN_FAILURES } from "@/lib/rate-limit/auth-limits";
import type { AppError } from "@/lib/errors";
import { makeRequest } from "@/tests/security/support";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const app = (key: string) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(key) });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as AppError,
  );

async function userWithTwoFactor(options: { askAfterOAuth?: boolean } = {}) {
  const input = { name: "OAuth Factor", email: `oauth2fa-${unique()}@parley.test`, password: `long password ${unique()}` };
  const user = await registerUser(input, { ip: ip() });
  const setup = await beginSetup(user.id);
  // The setup's step is used up by the confirmation: later codes come from the next steps.
  const { recoveryCodes } = await confirmSetup(user.id, { code: app(setup.key).generate() });
  if (options.askAfterOAuth) await setAskAfterOAuth(user.id, { askAfterOAuth: true });
  return { user: { id: user.id, name: user.name, image: null }, key: setup.key, recoveryCodes };
}

const jwt = getAuthOptions().callbacks!.jwt!;
const signInToken = (user: { id: string; name: string | null; image: null }, account: { type: string; provider: string }) =>
  jwt({
    token: { sub: user.id },
    user: { ...user, email: null },
    account: { ...account, providerAccountId: "x" } as never,
    trigger: "signIn",
  } as never) as Promise<ParleyToken>;
const sessionsOf = (userId: string) => db.userSession.count({ where: { userId } });
const codeAt = (key: string, ms: number) => app(key).generate({ timestamp: ms });

describe("the opt-in", () => {
  it("needs two-factor authentication on, is shown in the status, and goes with 2FA when it is turned off", async () => {
    const plain = await registerUser(
      { name: "No 2FA", email: `no2fa-${unique()}@parley.test`, password: `long password ${unique()}` },
      { ip: ip() },
    );
    expect(await failure(setAskAfterOAuth(plain.id, { askAfterOAuth: true }))).toMatchObject({ code: "conflict" });
    expect(await failure(setAskAfterOAuth(plain.id, { askAfterOAuth: "yes" }))).toMatchObject({ code: "bad_request" });

    const { user, key } = await userWithTwoFactor();
    expect((await twoFactorStatus(user.id)).askAfterOAuth).toBe(false);
    expect(await setAskAfterOAuth(user.id, { askAfterOAuth: true })).toEqual({ askAfterOAuth: true });
    expect((await twoFactorStatus(user.id)).askAfterOAuth).toBe(true);
    await disableTwoFactor(user.id, { code: codeAt(key, Date.now() + 30_000) });
    expect((await twoFactorStatus(user.id)).askAfterOAuth).toBe(false);
  });
});

describe("the jwt callback's states", () => {
  it("an OAuth sign-in of an opted-in user is pending: no session id, no session record, and it stays pending", async () => {
    const { user } = await userWithTwoFactor({ askAfterOAuth: true });
    for (const provider of ["github", "oidc", "google"]) {
      const token = await signInToken(user, { type: provider === "github" ? "oauth" : "oidc", provider });
      expect(token.sub).toBe(user.id);
      expect(typeof token.p2f).toBe("number");
      expect(token.sid).toBeUndefined();
      // Reading it again (useSession, getServerSession) keeps it pending.
      const again = (await jwt({ token, trigger: "update" } as never)) as ParleyToken;
      expect(again.p2f).toBe(token.p2f);
      expect(again.sid).toBeUndefined();
      const session = await getAuthOptions().callbacks!.session!({ session: { expires: "x" }, token } as never);
      expect((session as { user?: unknown }).user).toBeUndefined();
    }
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("without the opt-in an OAuth sign-in is signed in at once, and a password sign-in never becomes pending", async () => {
    const { user } = await userWithTwoFactor();
    const oauth = await signInToken(user, { type: "oauth", provider: "github" });
    expect(oauth.p2f).toBeUndefined();
    expect(oauth.sid).toEqual(expect.any(String));

    const { user: optedIn } = await userWithTwoFactor({ askAfterOAuth: true });
    // The credentials providers asked for the code themselves (lib/auth/accounts.ts authorize).
    for (const provider of ["credentials", "email-code"]) {
      const token = await signInToken(optedIn, { type: "credentials", provider });
      expect(token.p2f).toBeUndefined();
      expect(token.sid).toEqual(expect.any(String));
    }
  });

  it("a pending token expires after ten minutes, and its sign-out ends no other session", async () => {
    const { user } = await userWithTwoFactor({ askAfterOAuth: true });
    const now = Date.now();
    const token = pendingToken(user, 0, now - PENDING_SECOND_FACTOR_MS - 1);
    expect(pendingExpired(token, now)).toBe(true);
    expect(pendingExpired(pendingToken(user, 0, now), now)).toBe(false);
    expect(pendingExpired(pendingToken(user, 0, now + 5 * 60_000), now)).toBe(true); // from the future: forged
    await expect(jwt({ token } as never)).rejects.toBeInstanceOf(SessionRevokedError);

    await signInToken(user, { type: "credentials", provider: "credentials" }); // another device, signed in
    const version = await getSessionVersion(user.id);
    await getAuthOptions().events!.signOut!({ token: pendingToken(user, version), session: undefined as never });
    expect(await getSessionVersion(user.id)).toBe(version);
    expect(await db.userSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);
  });
});

describe("the upgrade with a code", () => {
  it("a right TOTP code turns the pending token into a signed-in one with a live session record", async () => {
    const { user, key } = await userWithTwoFactor({ askAfterOAuth: true });
    const pending = await signInToken(user, { type: "oauth", provider: "github" });
    const now = Date.now() + 30_000;
    const token = await completeSecondFactor(pending, { code: codeAt(key, now) }, { ip: ip(), userAgent: "Test Browser" }, now);
    expect(token.p2f).toBeUndefined();
    expect(token.sub).toBe(user.id);
    expect(token.sid).toEqual(expect.any(String));
    expect(await liveSessionFor(token)).not.toBeNull();
    expect(await db.userSession.findUnique({ where: { id: token.sid! }, select: { userAgent: true } })).toEqual({
      userAgent: "Test Browser",
    });
    // The same code again (a replay, or a second tab): refused.
    const replay = await failure(completeSecondFactor(pending, { code: codeAt(key, now) }, { ip: ip(), userAgent: null }, now));
    expect(replay).toMatchObject({ code: "bad_request" });
  });

  it("a recovery code works once", async () => {
    const { user, recoveryCodes } = await userWithTwoFactor({ askAfterOAuth: true });
    const pending = await signInToken(user, { type: "oidc", provider: "oidc" });
    const ctx = { ip: ip(), userAgent: null };
    expect((await completeSecondFactor(pending, { code: recoveryCodes[0] }, ctx)).sid).toEqual(expect.any(String));
    expect(await failure(completeSecondFactor(pending, { code: recoveryCodes[0] }, ctx))).toMatchObject({ code: "bad_request" });
  });

  it("refuses what is not a live pending sign-in: none, a signed-in token, an expired one, a revoked one", async () => {
    const { user, key } = await userWithTwoFactor({ askAfterOAuth: true });
    const ctx = { ip: ip(), userAgent: null };
    const now = Date.now() + 30_000;
    const code = { code: codeAt(key, now) };
    expect(await failure(completeSecondFactor(null, code, ctx, now))).toMatchObject({ code: "unauthorized" });
    const signedIn = await signInToken(user, { type: "credentials", provider: "credentials" });
    expect(await failure(completeSecondFactor(signedIn, code, ctx, now))).toMatchObject({ code: "unauthorized" });
    const old = pendingToken(user, 0, now - PENDING_SECOND_FACTOR_MS - 1_000);
    expect(await failure(completeSecondFactor(old, code, ctx, now))).toMatchObject({ code: "unauthorized" });
    const pending = await signInToken(user, { type: "oauth", provider: "github" });
    await bumpSessionVersion(user.id); // "sign out everywhere" / password change
    expect(await failure(completeSecondFactor(pending, code, ctx, now))).toMatchObject({ code: "unauthorized" });
    expect(await failure(completeSecondFactor(await signInToken(user, { type: "oauth", provider: "github" }), {}, ctx, now))).toMatchObject(
      {
        code: "bad_request",
      },
    );
  });

  it("wrong codes count like wrong passwords: after five, even the right code waits (429)", async () => {
    const { user, key } = await userWithTwoFactor({ askAfterOAuth: true });
    const pending = await signInToken(user, { type: "oauth", provider: "github" });
    for (let i = 0; i < ACCOUNT_SIGN_IN_FAILURES; i++) {
      const wrong = await failure(completeSecondFactor(pending, { code: "000000" }, { ip: ip(), userAgent: null }));
      expect(wrong).toMatchObject({ code: "bad_request" });
    }
    const now = Date.now() + 30_000;
    const locked = await failure(completeSecondFactor(pending, { code: codeAt(key, now) }, { ip: ip(), userAgent: null }, now));
    expect(locked).toMatchObject({ code: "rate_limited" });
    expect(locked?.retryAfter).toBeGreaterThan(0);
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("POST /api/account/two-factor/verify reads its own cookie and answers with the signed-in session cookie", async () => {
    const { POST } = await import("@/app/api/account/two-factor/verify/route");
    const { encode } = await import("next-auth/jwt");
    const secret = process.env.NEXTAUTH_SECRET!;
    const { user, key } = await userWithTwoFactor({ askAfterOAuth: true });
    const pending = await signInToken(user, { type: "oauth", provider: "github" });
    const cookie = `next-auth.session-token=${await encode({ token: pending, secret })}`;
    const call = (code: string, headers: Record<string, string> = {}) =>
      POST(makeRequest("POST", "/api/account/two-factor/verify", { json: { code } }, { cookie, "x-forwarded-for": ip(), ...headers }));

    const wrong = await call("000000");
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect((await call(app(key).generate(), { origin: "https://evil.example" })).status).toBe(403);

    // A code of the next step (the setup's own step is used up; one step of drift is accepted).
    const response = await call(codeAt(key, Date.now() + 30_000));
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^next-auth\.session-token=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const token = (await decode({ token: setCookie.split(";")[0]!.split("=")[1], secret })) as ParleyToken;
    expect(token.sub).toBe(user.id);
    expect(token.p2f).toBeUndefined();
    expect(await liveSessionFor(token)).not.toBeNull();
    // Without a pending cookie: 401.
    const none = await POST(makeRequest("POST", "/api/account/two-factor/verify", { json: { code: "000000" } }));
    expect(none.status).toBe(401);
  });
});
