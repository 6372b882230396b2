// Sessions and devices (issue #17) on the real database: each sign-in is a UserSession named by the
// token's sid; signing one out ends that token only; "all other sessions"; the list; the new-device
// notice through the real SMTP server; last activity written at most once a minute.
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { listSessions, signOutOtherSessions, signOutSession, startSession, touchSession } from "@/lib/account/sessions/operations";
import { describeDevice } from "@/lib/account/sessions/device";
import { registerUser } from "@/lib/auth/accounts";
import { getAuthOptions, liveSessionFor, type ParleyToken } from "@/lib/auth/options";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { db } from "@/lib/db/client";
import { mailsTo, waitForMail } from "../support/mail-server";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";

type JwtCallback = (params: { token: JWT; user?: unknown }) => Promise<JWT>;
const jwt = (params: { token: JWT; user?: unknown }) => (getAuthOptions().callbacks!.jwt as unknown as JwtCallback)(params);

async function newAccount() {
  const input = { name: "Session User", email: `sess-${unique()}@parley.test`, password: `long password ${unique()}` };
  const user = await registerUser(input, { ip: ip() });
  return { ...input, id: user.id };
}

async function tokenFor(userId: string, userAgent: string): Promise<ParleyToken> {
  const sid = await startSession(userId, { userAgent, ip: "203.0.113.7" });
  return { sub: userId, sv: 0, sid };
}

describe("sessions and devices", () => {
  it("a sign-in records a session whose id the token carries", async () => {
    const account = await newAccount();
    const token = (await jwt({ token: {}, user: { id: account.id, name: account.name, image: null } })) as ParleyToken;
    expect(token.sid).toBeTruthy();
    expect(await db.userSession.findUnique({ where: { id: token.sid! }, select: { userId: true } })).toEqual({ userId: account.id });
    expect(await liveSessionFor(token)).not.toBeNull();
    // A refresh keeps the sid.
    expect(((await jwt({ token })) as ParleyToken).sid).toBe(token.sid);
  });

  it("lists my sessions, signs out one (that token only), then all others", async () => {
    const account = await newAccount();
    const here = await tokenFor(account.id, CHROME_MAC);
    const phone = await tokenFor(account.id, FIREFOX_LINUX);
    const third = await tokenFor(account.id, FIREFOX_LINUX);
    const list = await listSessions(account.id, here.sid);
    expect(list).toHaveLength(3);
    expect(list.find((s) => s.current)).toMatchObject({ id: here.sid, device: "Chrome on macOS", ip: "203.0.113.7" });

    await signOutSession(account.id, phone.sid);
    expect(await liveSessionFor(phone)).toBeNull();
    expect(await liveSessionFor(here)).not.toBeNull();
    expect(await liveSessionFor(third)).not.toBeNull();
    await expect(signOutSession(account.id, phone.sid)).rejects.toMatchObject({ code: "not_found" });

    expect(await signOutOtherSessions(account.id, here.sid)).toEqual({ count: 1 });
    expect(await liveSessionFor(third)).toBeNull();
    expect(await liveSessionFor(here)).not.toBeNull();
    expect((await listSessions(account.id, here.sid)).map((s) => s.id)).toEqual([here.sid]);
  });

  it("cannot sign out someone else's session", async () => {
    const me = await newAccount();
    const other = await newAccount();
    const theirs = await tokenFor(other.id, CHROME_MAC);
    await expect(signOutSession(me.id, theirs.sid)).rejects.toMatchObject({ code: "not_found" });
    await expect(signOutSession(me.id, { id: theirs.sid })).rejects.toMatchObject({ code: "bad_request" });
    expect(await liveSessionFor(theirs)).not.toBeNull();
  });

  it("sign-out ends this session only; a password change (session version) ends them all and clears the list", async () => {
    const account = await newAccount();
    const a = await tokenFor(account.id, CHROME_MAC);
    const b = await tokenFor(account.id, CHROME_MAC);
    await getAuthOptions().events!.signOut!({ token: a } as never);
    expect(await liveSessionFor(a)).toBeNull();
    expect(await liveSessionFor(b)).not.toBeNull();
    await bumpSessionVersion(account.id, { passwordChanged: true });
    expect(await liveSessionFor({ ...b, sv: 1 })).toBeNull();
    expect(await listSessions(account.id, undefined)).toEqual([]);
  });

  it("mails a notice for a sign-in from a device the account has not used before", async () => {
    const account = await newAccount();
    await tokenFor(account.id, CHROME_MAC); // the first sign-in: no notice
    await tokenFor(account.id, CHROME_MAC); // the same device: no notice
    await tokenFor(account.id, FIREFOX_LINUX);
    const mail = await waitForMail(account.email, /New sign-in/);
    expect(mail.text).toContain("Firefox on Linux");
    expect(mail.text).toContain("203.0.113.7");
    expect(mail.text).toContain("http://localhost:3000/settings");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await mailsTo(account.email)).filter((m) => /New sign-in/.test(m.subject))).toHaveLength(1);
  });

  it("writes last activity at most once a minute per session", async () => {
    const account = await newAccount();
    const token = await tokenFor(account.id, CHROME_MAC);
    const start = Date.now() + 5 * 60_000;
    await touchSession(token.sid!, start);
    await touchSession(token.sid!, start + 30_000);
    const read = async () => (await db.userSession.findUnique({ where: { id: token.sid! }, select: { lastActiveAt: true } }))!.lastActiveAt;
    expect((await read()).getTime()).toBe(start);
    await touchSession(token.sid!, start + 61_000);
    expect((await read()).getTime()).toBe(start + 61_000);
  });

  it("names devices from their User-Agent", () => {
    expect(describeDevice(CHROME_MAC)).toBe("Chrome on macOS");
    expect(describeDevice(FIREFOX_LINUX)).toBe("Firefox on Linux");
    expect(
      describeDevice("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605 Version/17.0 Mobile/15E148 Safari/604.1"),
    ).toBe("Safari on iOS");
    expect(describeDevice(null)).toBe("Unknown device");
  });
});
