// Account lifecycle (issue #17) on the real database with every mail through a real local SMTP
// server (tests/support/mail-server.ts): e-mail verification, forgotten password, sign-in codes.
// Token expiry and reuse, wrong-code lockout, enumeration-safe answers and rate limits.
import { afterEach, describe, expect, it } from "vitest";
import { RESET_REQUESTED_MESSAGE, requestPasswordReset, resetPassword } from "@/lib/account/password-reset/operations";
import { authenticateWithCode, CODE_SENT_MESSAGE, requestSignInCode } from "@/lib/account/sign-in-code/operations";
import { CODE_MAX_ATTEMPTS, consumeLinkToken, issueCode, issueLinkToken } from "@/lib/account/tokens";
import { sendVerificationEmail, verificationState, verifyEmail } from "@/lib/account/verify-email/operations";
import { authenticate, registerUser } from "@/lib/auth/accounts";
import { getSessionVersion } from "@/lib/auth/session-version";
import { db } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import { createAuthLimiters } from "@/lib/rate-limit/auth-limits";
import { MemoryRateLimitStore } from "@/lib/rate-limit/limiter";
import * as resetRequestRoute from "@/app/api/account/password-reset/request/route";
import * as resetRoute from "@/app/api/account/password-reset/route";
import * as codeRoute from "@/app/api/account/sign-in-code/route";
import { linkToken, mailCode, mailsTo, waitForMail } from "../support/mail-server";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const newUser = () => ({ name: "Lifecycle User", email: `life-${unique()}@parley.test`, password: `long password ${unique()}` });
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as AppError,
  );
const ORIGIN = "http://localhost:3000";
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/json", "x-forwarded-for": ip(), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const globalLimits = globalThis as unknown as { parleyAuthLimiters?: ReturnType<typeof createAuthLimiters> };
afterEach(() => {
  globalLimits.parleyAuthLimiters = undefined;
});

describe("e-mail verification", () => {
  it("mails a link at sign-up; the link verifies the address once", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    expect(await verificationState(user.id)).toBe("unverified");
    const mail = await waitForMail(input.email, /Confirm your e-mail/);
    expect(mail.from).toContain("no-reply@parley.test");
    expect(mail.text).toContain("http://localhost:3000/verify-email#token=");
    expect(mail.html).toContain('href="http://localhost:3000/verify-email#token=');
    const token = linkToken(mail);
    // Only a hash is stored.
    const rows = await db.accountToken.findMany({ where: { userId: user.id }, select: { tokenHash: true, purpose: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);

    await expect(verifyEmail({ token })).resolves.toEqual({ userId: user.id });
    expect(await verificationState(user.id)).toBe("verified");
    const reused = await failure(verifyEmail({ token }));
    expect(reused?.status).toBe(400);
    expect(reused?.message).toMatch(/no longer valid/);
    // Nothing more to send for a verified address.
    expect(await sendVerificationEmail(user.id)).toBe("verified");
  });

  it("refuses an expired link, a link of another purpose, a superseded link and one for an address the account no longer has", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    await waitForMail(input.email, /Confirm your e-mail/);
    const expired = await issueLinkToken(user.id, "verify-email", input.email, new Date(Date.now() - 24 * 60 * 60_000 - 1_000));
    expect((await failure(verifyEmail({ token: expired })))?.status).toBe(400);
    const reset = await issueLinkToken(user.id, "reset-password", input.email);
    expect((await failure(verifyEmail({ token: reset })))?.status).toBe(400);
    const first = await issueLinkToken(user.id, "verify-email", input.email);
    const second = await issueLinkToken(user.id, "verify-email", input.email);
    expect((await failure(verifyEmail({ token: first })))?.status).toBe(400);
    await db.user.update({ where: { id: user.id }, data: { email: `moved-${unique()}@parley.test` } });
    expect((await failure(verifyEmail({ token: second })))?.status).toBe(400);
    expect((await failure(verifyEmail({ token: "x".repeat(43) })))?.status).toBe(400);
    expect((await failure(verifyEmail({})))?.status).toBe(400);
  });

  it("'send it again' mails a new link, 3 an hour per user", async () => {
    globalLimits.parleyAuthLimiters = createAuthLimiters(new MemoryRateLimitStore(), 1_000);
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    await waitForMail(input.email, /Confirm your e-mail/); // the sign-up's mail is the first of 3
    expect(await sendVerificationEmail(user.id)).toBe("unverified");
    await waitForMail(input.email, /Confirm your e-mail/, { after: 1 });
    expect(await sendVerificationEmail(user.id)).toBe("unverified");
    const limited = await failure(sendVerificationEmail(user.id));
    expect(limited?.status).toBe(429);
    expect(limited?.retryAfter).toBeGreaterThan(0);
    // Only the newest link works.
    const mails = await mailsTo(input.email);
    const tokens = mails.map(linkToken);
    expect((await failure(verifyEmail({ token: tokens[0]! })))?.status).toBe(400);
    await expect(verifyEmail({ token: tokens[tokens.length - 1]! })).resolves.toEqual({ userId: user.id });
  });
});

describe("forgotten password", () => {
  it("answers the same for a known and an unknown address, and mails only the account", async () => {
    const input = newUser();
    await registerUser(input, { ip: ip() });
    const unknown = `nobody-${unique()}@parley.test`;
    const known = await requestPasswordReset({ email: input.email.toUpperCase() }, { ip: ip() });
    const none = await requestPasswordReset({ email: unknown }, { ip: ip() });
    expect(known).toEqual(none);
    expect(known.message).toBe(RESET_REQUESTED_MESSAGE);
    await waitForMail(input.email, /Reset your Parley password/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await mailsTo(unknown)).toEqual([]);
    // Over HTTP: 202 with the same body either way; bad input is a 400 with a field message, never a 500.
    const a = await resetRequestRoute.POST(post("/api/account/password-reset/request", { email: input.email }));
    const b = await resetRequestRoute.POST(post("/api/account/password-reset/request", { email: `nobody-${unique()}@parley.test` }));
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await a.json()).toEqual(await b.json());
    const bad = await resetRequestRoute.POST(post("/api/account/password-reset/request", { email: "not an address" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields.email).toBeDefined();
    expect((await resetRequestRoute.POST(post("/api/account/password-reset/request", "{"))).status).toBe(400);
    expect((await resetRequestRoute.POST(post("/api/account/password-reset/request", { email: "x".repeat(5000) }))).status).toBe(413);
    expect(
      (
        await resetRequestRoute.POST(
          post("/api/account/password-reset/request", { email: input.email }, { origin: "https://evil.example" }),
        )
      ).status,
    ).toBe(403);
  });

  it("resets once with the policy, ends every session, verifies the address and mails a notice", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    const versionBefore = await getSessionVersion(user.id);
    await requestPasswordReset({ email: input.email }, { ip: ip() });
    const token = linkToken(await waitForMail(input.email, /Reset your Parley password/));

    const weak = await failure(resetPassword({ token, password: "password123" }, { ip: ip() }));
    expect(weak?.status).toBe(400);
    expect(weak?.fields?.password).toEqual(["This password is too common. Choose another."]);

    const newPassword = `brand new password ${unique()}`;
    await expect(resetPassword({ token, password: newPassword }, { ip: ip() })).resolves.toEqual({ userId: user.id });
    expect(await getSessionVersion(user.id)).toBe(versionBefore + 1);
    const security = await db.userSecurity.findUnique({ where: { userId: user.id }, select: { passwordChangedAt: true } });
    expect(security?.passwordChangedAt).toBeInstanceOf(Date);
    expect(await verificationState(user.id)).toBe("verified");
    expect(await authenticate({ email: input.email, password: input.password })).toBeNull();
    expect(await authenticate({ email: input.email, password: newPassword })).not.toBeNull();
    await waitForMail(input.email, /password was changed/);

    const reused = await failure(resetPassword({ token, password: `another password ${unique()}` }, { ip: ip() }));
    expect(reused?.status).toBe(400);
    expect(reused?.message).toMatch(/no longer valid/);
  });

  it("refuses an expired link (30 minutes) and one whose account changed address", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    const expired = await issueLinkToken(user.id, "reset-password", input.email, new Date(Date.now() - 30 * 60_000 - 1_000));
    expect((await failure(resetPassword({ token: expired, password: `fine password ${unique()}` }, { ip: ip() })))?.status).toBe(400);
    const live = await issueLinkToken(user.id, "reset-password", input.email);
    await db.user.update({ where: { id: user.id }, data: { email: `moved-${unique()}@parley.test` } });
    expect((await failure(resetPassword({ token: live, password: `fine password ${unique()}` }, { ip: ip() })))?.status).toBe(400);
    // The route answers 400, not 500, for garbage.
    const response = await resetRoute.POST(post("/api/account/password-reset", { token: 42, password: null }));
    expect(response.status).toBe(400);
  });

  it("is limited per address (known or not: the same 429) and per IP", async () => {
    globalLimits.parleyAuthLimiters = createAuthLimiters(new MemoryRateLimitStore(), 4);
    const input = newUser();
    await registerUser(input, { ip: ip() });
    const unknown = `nobody-${unique()}@parley.test`;
    for (let i = 0; i < 3; i++) {
      await requestPasswordReset({ email: input.email }, { ip: ip() });
      await requestPasswordReset({ email: unknown }, { ip: ip() });
    }
    const known = await failure(requestPasswordReset({ email: input.email }, { ip: ip() }));
    const none = await failure(requestPasswordReset({ email: unknown }, { ip: ip() }));
    expect([known?.status, none?.status]).toEqual([429, 429]);
    expect(known?.message).toBe(none?.message);
    const address = ip();
    for (let i = 0; i < 4; i++) await requestPasswordReset({ email: `n${i}-${unique()}@parley.test` }, { ip: address });
    expect((await failure(requestPasswordReset({ email: `n-${unique()}@parley.test` }, { ip: address })))?.status).toBe(429);
  });
});

describe("sign-in with an e-mailed code", () => {
  it("mails a 6-digit code that signs in once and verifies the address", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    const known = await requestSignInCode({ email: input.email }, { ip: ip() });
    const unknown = await requestSignInCode({ email: `nobody-${unique()}@parley.test` }, { ip: ip() });
    expect(known).toEqual(unknown);
    expect(known.message).toBe(CODE_SENT_MESSAGE);
    const code = mailCode(await waitForMail(input.email, /sign-in code/));
    expect(code).toMatch(/^\d{6}$/);
    const row = await db.accountToken.findFirst({ where: { userId: user.id, purpose: "sign-in-code" }, select: { tokenHash: true } });
    expect(row?.tokenHash).not.toContain(code);
    expect(await authenticateWithCode({ email: input.email, code: ` ${code.slice(0, 3)} ${code.slice(3)} ` })).toEqual({
      id: user.id,
      name: input.name,
      image: null,
    });
    expect(await verificationState(user.id)).toBe("verified");
    expect(await authenticateWithCode({ email: input.email, code })).toBeNull();
  });

  it(`voids a code after ${CODE_MAX_ATTEMPTS} wrong guesses, even for the right digits`, async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    const code = await issueCode(user.id, input.email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < CODE_MAX_ATTEMPTS; i++) expect(await authenticateWithCode({ email: input.email, code: wrong })).toBeNull();
    expect(await authenticateWithCode({ email: input.email, code })).toBeNull();
    // Concurrent guesses count each: no more than the limit is ever checked.
    await issueCode(user.id, input.email);
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => authenticateWithCode({ email: input.email, code: String(i).padStart(6, "0") })),
    );
    expect(guesses.every((g) => g === null) || guesses.filter(Boolean).length <= 1).toBe(true);
    const row = await db.accountToken.findFirst({ where: { userId: user.id, purpose: "sign-in-code" }, select: { attempts: true } });
    expect(row?.attempts).toBeLessThanOrEqual(CODE_MAX_ATTEMPTS);
  });

  it("refuses an expired code (10 minutes), a code for an unknown address and malformed input", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    const code = await issueCode(user.id, input.email, new Date(Date.now() - 10 * 60_000 - 1_000));
    expect(await authenticateWithCode({ email: input.email, code })).toBeNull();
    expect(await authenticateWithCode({ email: `nobody-${unique()}@parley.test`, code: "123456" })).toBeNull();
    expect(await authenticateWithCode({ email: input.email, code: "12345" })).toBeNull();
    expect(await authenticateWithCode(null)).toBeNull();
    const response = await codeRoute.POST(post("/api/account/sign-in-code", { email: 7 }));
    expect(response.status).toBe(400);
  });

  it("is limited per address and IP like reset links", async () => {
    globalLimits.parleyAuthLimiters = createAuthLimiters(new MemoryRateLimitStore(), 1_000);
    const email = `nobody-${unique()}@parley.test`;
    for (let i = 0; i < 3; i++) await requestSignInCode({ email }, { ip: ip() });
    const limited = await failure(requestSignInCode({ email }, { ip: ip() }));
    expect(limited?.status).toBe(429);
    // A reset request for the same address has its own budget.
    await expect(requestPasswordReset({ email }, { ip: ip() })).resolves.toEqual({ message: RESET_REQUESTED_MESSAGE });
  });
});

describe("tokens", () => {
  it("a link token is used at most once under concurrency", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    const token = await issueLinkToken(user.id, "reset-password", input.email);
    const results = await Promise.all(Array.from({ length: 5 }, () => consumeLinkToken("reset-password", token)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("cascade with their user", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    await issueLinkToken(user.id, "reset-password", input.email);
    await db.user.delete({ where: { id: user.id } });
    expect(await db.accountToken.count({ where: { userId: user.id } })).toBe(0);
  });
});
