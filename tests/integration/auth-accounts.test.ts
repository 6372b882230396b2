// Accounts on the real database: registration, the credentials check, OAuth users through the
// narrowed Prisma adapter, session revocation, profile edits and password change.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { JWT } from "next-auth/jwt";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { authenticate, registerUser } from "@/lib/auth/accounts";
import { createAdapter, getAuthOptions, SessionRevokedError } from "@/lib/auth/options";
import { SESSION_CHECK_TTL_MS, bumpSessionVersion, forgetLiveSession, getSessionVersion, liveSessionOf } from "@/lib/auth/session-version";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { LocalDiskStorage } from "@/lib/storage/storage";
import { changePassword, getOwnProfile, updateProfile } from "@/lib/users/profile";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const newUser = () => ({ name: "Test User", email: `t-${unique()}@parley.test`, password: `long password ${unique()}` });
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "parley-uploads-"));
afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }));

type JwtCallback = (params: { token: JWT; user?: unknown; account?: unknown }) => Promise<JWT>;
const jwt = (params: { token: JWT; user?: unknown }) => (getAuthOptions().callbacks!.jwt as unknown as JwtCallback)(params);

describe("registration", () => {
  it("stores a bcrypt hash, never the password, and returns only public fields", async () => {
    const input = newUser();
    const user = await registerUser({ ...input, email: input.email.toUpperCase() }, { ip: ip() });
    expect(Object.keys(user).sort()).toEqual(["id", "image", "name"]);
    const row = await db.user.findUnique({ where: { id: user.id }, select: { email: true, hashedPassword: true } });
    expect(row?.email).toBe(input.email);
    expect(row?.hashedPassword).toMatch(/^\$2[aby]\$12\$/);
    expect(row?.hashedPassword).not.toContain(input.password);
  });

  it("refuses invalid input with field errors and a taken email with 409", async () => {
    const error = (await registerUser({ name: "", email: "x", password: "password" }, { ip: ip() }).catch((e: unknown) => e)) as AppError;
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["email", "name", "password"]);
    const input = newUser();
    await registerUser(input, { ip: ip() });
    await expect(registerUser({ ...input, name: "Other" }, { ip: ip() })).rejects.toMatchObject({ code: "conflict" });
  });

  it("is rate limited (per email here; the per-IP budget is covered in lib/rate-limit)", async () => {
    const input = newUser();
    await registerUser(input, { ip: ip() });
    // Invalid input is refused before any budget is spent.
    await expect(registerUser({ ...input, password: "" }, { ip: ip() })).rejects.toMatchObject({ code: "bad_request" });
    for (let i = 0; i < 4; i++) {
      await expect(registerUser(input, { ip: ip() })).rejects.toMatchObject({ code: "conflict" });
    }
    const limited = (await registerUser(input, { ip: ip() }).catch((e: unknown) => e)) as AppError;
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBeGreaterThan(0);
  });
});

describe("credentials check", () => {
  it("signs in with the right password only, with one answer for every failure", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    expect(await authenticate({ email: input.email, password: input.password })).toEqual({ id: user.id, name: "Test User", image: null });
    expect(await authenticate({ email: ` ${input.email.toUpperCase()} `, password: input.password })).not.toBeNull();
    expect(await authenticate({ email: input.email, password: "wrong password" })).toBeNull();
    expect(await authenticate({ email: `nobody-${unique()}@parley.test`, password: "whatever pass" })).toBeNull();
    expect(await authenticate({ email: "", password: "" })).toBeNull();
  });

  it("spends bcrypt time on unknown emails and OAuth-only accounts too", async () => {
    const oauthOnly = await db.user.create({ data: { email: `o-${unique()}@parley.test` }, select: { email: true } });
    const input = newUser();
    await registerUser(input, { ip: ip() });
    const time = async (email: string) => {
      const start = performance.now();
      await authenticate({ email, password: "some wrong password" });
      return performance.now() - start;
    };
    const known = await time(input.email);
    for (const email of [`nobody-${unique()}@parley.test`, oauthOnly.email!]) {
      const elapsed = await time(email);
      expect(elapsed).toBeGreaterThan(known * 0.5);
    }
  });
});

describe("OAuth users through the adapter", () => {
  it("creates users without secrets, marks provider-verified emails and stores only seed-001 Account columns", async () => {
    const adapter = createAdapter();
    const email = `gh-${unique()}@parley.test`;
    const user = await adapter.createUser!({
      name: "Octo Cat",
      email,
      image: "https://avatars.example/1.png",
      emailVerified: null,
    } as never);
    expect(Object.keys(user).sort()).toEqual(["email", "emailVerified", "id", "image", "name"]);
    expect(user.emailVerified).toBeInstanceOf(Date);
    const providerAccountId = unique();
    await adapter.linkAccount!({
      userId: user.id,
      type: "oauth",
      provider: "github",
      providerAccountId,
      access_token: "gho_secret",
      token_type: "bearer",
      scope: "read:user",
      expires_at: 1_900_000_000.7,
      refresh_token_expires_in: 15_000_000, // not a seed-001 column: dropped
    } as never);
    const found = await adapter.getUserByAccount!({ provider: "github", providerAccountId });
    expect(found?.id).toBe(user.id);
    expect(found).not.toHaveProperty("hashedPassword");
    expect(await db.account.findFirst({ where: { providerAccountId }, select: { expires_at: true, access_token: true } })).toEqual({
      expires_at: 1_900_000_000,
      // Security round 2, item 13: provider tokens are not stored (Parley never uses them).
      access_token: null,
    });
    const noEmail = await adapter.createUser!({ name: "No Mail", email: null, emailVerified: null } as never);
    expect(noEmail.emailVerified).toBeNull();
  });
});

describe("sessions", () => {
  it("issues a token without email or secrets and ends it when the session version moves", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    const token = await jwt({ token: { name: "x", email: input.email, picture: null, sub: user.id }, user });
    expect(token).toEqual({ sub: user.id, name: "Test User", picture: null, sv: 0, sid: expect.any(String) });

    // Later reads refresh name and image: at once after a profile update in this process...
    await updateProfile(user.id, { name: "Renamed" }, new LocalDiskStorage(uploads));
    expect((await jwt({ token })).name).toBe("Renamed");
    // ...and within the cache's TTL after a change made elsewhere (another instance, SQL).
    await db.user.update({ where: { id: user.id }, data: { name: "Renamed elsewhere" } });
    expect((await jwt({ token })).name).toBe("Renamed");
    expect((await liveSessionOf(user.id, Date.now() + SESSION_CHECK_TTL_MS))?.name).toBe("Renamed elsewhere");
    expect((await jwt({ token })).name).toBe("Renamed elsewhere");
    const session = await getAuthOptions().callbacks!.session!({ session: { expires: "x", user: {} }, token } as never);
    expect(session).toEqual({ expires: "x", user: { id: user.id, name: "Test User", image: null } });

    // Sign-out (NextAuth's signOut event) ends this token's session: the token is refused from then on
    // (tests/integration/sessions.test.ts: other sessions stay).
    await getAuthOptions().events!.signOut!({ token } as never);
    await expect(jwt({ token })).rejects.toBeInstanceOf(SessionRevokedError);
    // A token from before session records (no sid) ends every session: the version moves.
    const legacy = { sub: user.id, sv: 0 };
    await getAuthOptions().events!.signOut!({ token: legacy } as never);
    expect(await getSessionVersion(user.id)).toBe(1);
    await expect(jwt({ token: legacy })).rejects.toBeInstanceOf(SessionRevokedError);
    const fresh = await jwt({ token: { sub: user.id }, user });
    expect(fresh.sv).toBe(1);
    expect((await jwt({ token: fresh })).sub).toBe(user.id);
  });

  it("ends sessions of deleted users", async () => {
    const user = await registerUser(newUser(), { ip: ip() });
    const token = await jwt({ token: { sub: user.id }, user });
    await jwt({ token }); // cached as live
    await db.user.delete({ where: { id: user.id } });
    forgetLiveSession(user.id); // what a delete-account feature must call; elsewhere the TTL bounds it
    await expect(jwt({ token })).rejects.toBeInstanceOf(SessionRevokedError);
  });

  it("survives concurrent first-time version bumps", async () => {
    const user = await registerUser(newUser(), { ip: ip() });
    await Promise.all([bumpSessionVersion(user.id), bumpSessionVersion(user.id), bumpSessionVersion(user.id)]);
    expect(await getSessionVersion(user.id)).toBe(3);
  });
});

describe("profile", () => {
  const files = new LocalDiskStorage(uploads);

  it("changes the display name and stores an uploaded avatar, replacing the previous one", async () => {
    const user = await registerUser(newUser(), { ip: ip() });
    const first = await updateProfile(user.id, { name: "  New Name ", avatar: PNG }, files);
    expect(first.name).toBe("New Name");
    expect(first.image).toMatch(new RegExp(`^/api/uploads/avatars/${user.id}/[a-f0-9]{32}\\.webp$`));
    const key = first.image!.replace("/api/uploads/", "");
    const stored = await files.get(key);
    expect(stored?.contentType).toBe("image/webp");
    // Re-encoded (metadata dropped) at the avatar size.
    const meta = await sharp(stored!.bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["webp", 256, 256, undefined]);

    // Issue #12: an avatar URL must be on a host of PARLEY_IMAGE_HOSTS (any https URL was accepted).
    process.env.PARLEY_IMAGE_HOSTS = "images.example";
    const second = await updateProfile(user.id, { imageUrl: "https://images.example/me.jpg" }, files).finally(() => {
      delete process.env.PARLEY_IMAGE_HOSTS;
    });
    expect(second.image).toBe("https://images.example/me.jpg");
    expect(await files.get(key)).toBeNull();

    expect((await updateProfile(user.id, { removeAvatar: true }, files)).image).toBeNull();
  });

  it("rejects non-images, oversize files, non-https URLs and bad names", async () => {
    const user = await registerUser(newUser(), { ip: ip() });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    await expect(updateProfile(user.id, { avatar: svg }, files)).rejects.toMatchObject({ code: "unsupported_media_type" });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    await expect(updateProfile(user.id, { avatar: big }, files)).rejects.toMatchObject({ code: "payload_too_large" });
    // PNG magic bytes, HTML body: refused because it does not decode.
    const polyglot = Buffer.concat([PNG.subarray(0, 16), Buffer.from("<html><script>alert(1)</script></html>")]);
    await expect(updateProfile(user.id, { avatar: polyglot }, files)).rejects.toMatchObject({ code: "unsupported_media_type" });
    await expect(updateProfile(user.id, { imageUrl: "http://images.example/a.png" }, files)).rejects.toMatchObject({
      fields: { imageUrl: ["Use an https:// image URL."] },
    });
    await expect(updateProfile(user.id, { imageUrl: "javascript:alert(1)" }, files)).rejects.toMatchObject({ code: "bad_request" });
    await expect(updateProfile(user.id, { name: "x".repeat(51) }, files)).rejects.toMatchObject({ code: "bad_request" });
  });

  it("reads the own profile with sign-in methods but no secrets", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    await db.account.create({
      data: { userId: user.id, type: "oauth", provider: "oidc", providerAccountId: unique(), access_token: "secret-token" },
    });
    const profile = await getOwnProfile(user.id);
    expect(profile).toEqual({
      id: user.id,
      name: "Test User",
      image: null,
      email: input.email,
      emailVerified: false,
      hasPassword: true,
      providers: ["oidc"],
    });
  });

  it("changes the password after checking the current one and ends every session", async () => {
    const input = newUser();
    const user = await registerUser(input, { ip: ip() });
    const token = await jwt({ token: { sub: user.id }, user });
    await expect(changePassword(user.id, { currentPassword: "wrong one!", newPassword: "brand new secret" })).rejects.toMatchObject({
      fields: { currentPassword: ["The current password is not correct."] },
    });
    await expect(changePassword(user.id, { currentPassword: input.password, newPassword: "password1" })).rejects.toMatchObject({
      code: "bad_request",
    });
    await changePassword(user.id, { currentPassword: input.password, newPassword: "brand new secret" });
    await expect(jwt({ token })).rejects.toBeInstanceOf(SessionRevokedError);
    expect(await authenticate({ email: input.email, password: input.password })).toBeNull();
    expect(await authenticate({ email: input.email, password: "brand new secret" })).not.toBeNull();
    const security = await db.userSecurity.findUnique({ where: { userId: user.id }, select: { passwordChangedAt: true } });
    expect(security?.passwordChangedAt).toBeInstanceOf(Date);
  });
});
