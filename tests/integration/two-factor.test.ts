// Two-factor authentication (issue #17) on the real database: setup and confirmation, TOTP codes
// computed here as an authenticator app would, replay refusal, single-use recovery codes, the
// sign-in gate after the password and after an e-mailed code, turning it off.
import { Secret, TOTP } from "otpauth";
import { afterEach, describe, expect, it } from "vitest";
import { authenticateWithCode } from "@/lib/account/sign-in-code/operations";
import { issueCode } from "@/lib/account/tokens";
import {
  beginSetup,
  checkSecondFactor,
  confirmSetup,
  disableTwoFactor,
  RECOVERY_CODE_COUNT,
  twoFactorStatus,
} from "@/lib/account/two-factor/operations";
import { authenticate, registerUser } from "@/lib/auth/accounts";
import { db } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import { createUserBudgets, setUserBudgetsForTests } from "@/lib/rate-limit/user-budgets";
import { MemoryRateLimitStore } from "@/lib/rate-limit/limiter";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const newUser = () => ({ name: "Two Factor", email: `tf-${unique()}@parley.test`, password: `long password ${unique()}` });
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Error,
  );
const app = (key: string) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(key) });

afterEach(() => setUserBudgetsForTests(null));

async function enabledUser() {
  const input = newUser();
  const user = await registerUser(input, { ip: ip() });
  const setup = await beginSetup(user.id);
  const { recoveryCodes } = await confirmSetup(user.id, { code: app(setup.key).generate() });
  return { input, user, key: setup.key, recoveryCodes };
}

describe("two-factor authentication", () => {
  it("sets up with an otpauth URI and QR code, stores the secret encrypted, and turns on only after a right code", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    const setup = await beginSetup(user.id);
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Parley:.+\?.*secret=/);
    expect(setup.qr).toMatch(/^data:image\/png;base64,/);
    const row = await db.userTwoFactor.findUnique({ where: { userId: user.id }, select: { secret: true, enabledAt: true } });
    expect(row?.secret).not.toContain(setup.key);
    expect(row?.enabledAt).toBeNull();
    // Pending: sign-in is not asked yet.
    expect(await authenticate({ email: input.email, password: input.password })).not.toBeNull();

    const wrong = (await failure(confirmSetup(user.id, { code: "000000" }))) as AppError;
    expect(wrong.status).toBe(400);
    expect((await failure(confirmSetup(user.id, {}))) as AppError).toMatchObject({ code: "bad_request" });
    const { recoveryCodes } = await confirmSetup(user.id, { code: app(setup.key).generate() });
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(stored).toHaveLength(RECOVERY_CODE_COUNT);
    for (const code of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));
    expect(await twoFactorStatus(user.id)).toEqual({ enabled: true, recoveryCodesLeft: RECOVERY_CODE_COUNT, askAfterOAuth: false });
    await expect(beginSetup(user.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("asks for the code after a right password, refuses a wrong one, and never accepts one code twice", async () => {
    const { input, user, key } = await enabledUser();
    expect((await failure(authenticate({ email: input.email, password: input.password })))?.message).toBe("TwoFactorRequired");
    expect((await failure(authenticate({ email: input.email, password: input.password, totp: "123456" })))?.message).toBe("TwoFactorWrong");
    // A wrong password stays the generic failure, whatever the code.
    expect(await authenticate({ email: input.email, password: "wrong password", totp: app(key).generate() })).toBeNull();
    // The step the setup was confirmed in may sign in once; then the next step's code.
    const now = Date.now();
    const code = app(key).generate({ timestamp: now + 30_000 });
    expect(await checkSecondFactor(user.id, code, now + 30_000)).toBe(true);
    expect(await checkSecondFactor(user.id, code, now + 30_000)).toBe(false); // replay
    const next = app(key).generate({ timestamp: now + 60_000 });
    expect(await checkSecondFactor(user.id, next, now + 60_000)).toBe(true);
    // Codes older than one step of drift are refused.
    expect(await checkSecondFactor(user.id, app(key).generate({ timestamp: now - 60_000 }), now + 120_000)).toBe(false);
  });

  it("a recovery code signs in once", async () => {
    const { input, user, recoveryCodes } = await enabledUser();
    const code = recoveryCodes[3]!;
    expect(await authenticate({ email: input.email, password: input.password, totp: code.toUpperCase() })).toMatchObject({ id: user.id });
    expect((await failure(authenticate({ email: input.email, password: input.password, totp: code })))?.message).toBe("TwoFactorWrong");
    expect(await twoFactorStatus(user.id)).toEqual({ enabled: true, recoveryCodesLeft: RECOVERY_CODE_COUNT - 1, askAfterOAuth: false });
  });

  it("asks for the second factor after an e-mailed code too, before the code is used up", async () => {
    const { input, user, key } = await enabledUser();
    const code = await issueCode(user.id, input.email);
    expect((await failure(authenticateWithCode({ email: input.email, code })))?.message).toBe("TwoFactorRequired");
    const later = Date.now() + 30_000;
    await db.userTwoFactor.update({ where: { userId: user.id }, data: { lastUsedStep: null } });
    expect(await authenticateWithCode({ email: input.email, code, totp: app(key).generate({ timestamp: later - 30_000 }) })).toMatchObject({
      id: user.id,
    });
  });

  it("turns off with a code only; wrong codes are limited like current-password checks", async () => {
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore(), { passwordFailures: 3 }));
    const { input, user, recoveryCodes } = await enabledUser();
    for (let i = 0; i < 3; i++) expect(((await failure(disableTwoFactor(user.id, { code: "000000" }))) as AppError).status).toBe(400);
    expect(((await failure(disableTwoFactor(user.id, { code: recoveryCodes[0]! }))) as AppError).status).toBe(429);
    setUserBudgetsForTests(null);
    await disableTwoFactor(user.id, { code: recoveryCodes[0]! });
    expect(await twoFactorStatus(user.id)).toEqual({ enabled: false, recoveryCodesLeft: 0, askAfterOAuth: false });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await authenticate({ email: input.email, password: input.password })).toMatchObject({ id: user.id });
  });

  it("its rows cascade with the user", async () => {
    const { user } = await enabledUser();
    await db.user.delete({ where: { id: user.id } });
    expect(await db.userTwoFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });
});
