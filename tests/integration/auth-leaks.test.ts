// The leak check: hashedPassword, OAuth tokens and other users' emails never leave the server.
// Exercises every response the accounts work produces (route handlers, NextAuth's token and
// session callbacks, domain results the pages render) on real rows that do hold such secrets.
// The e2e suite (e2e/auth.spec.ts) repeats the check on the rendered pages of a running build.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

const current: { user: SessionUser | null } = { user: null };
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => current.user,
  requireSessionUser: async () => {
    if (!current.user) throw new (await import("@/lib/errors")).AppError("unauthorized", "Please sign in to continue.");
    return current.user;
  },
}));

const { registerUser, authenticate } = await import("@/lib/auth/accounts");
const { createAdapter, getAuthOptions } = await import("@/lib/auth/options");
const { findSecretLeaks } = await import("@/lib/auth/public-user");
const { db } = await import("@/lib/db/client");
const { getOwnProfile, updateProfile } = await import("@/lib/users/profile");
const registerRoute = await import("@/app/api/auth/register/route");
const profileRoute = await import("@/app/api/profile/route");
const passwordRoute = await import("@/app/api/profile/password/route");

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const ORIGIN = "http://localhost:3000"; // NEXTAUTH_URL of the test environment

const me = { name: "Me", email: `me-${unique()}@parley.test`, password: `my password ${unique()}` };
const other = { name: "Other", email: `other-${unique()}@parley.test`, password: `their password ${unique()}` };
let meId = "";
let forbidden: string[] = [];

beforeAll(async () => {
  const created = await registerUser(me, { ip: "10.9.9.1" });
  meId = created.id;
  const them = await registerUser(other, { ip: "10.9.9.2" });
  const hashes = await db.user.findMany({ where: { id: { in: [meId, them.id] } }, select: { hashedPassword: true } });
  const tokens = { access_token: `gho_${unique()}`, refresh_token: `ghr_${unique()}`, id_token: `eyJ.${unique()}` };
  await db.account.create({ data: { userId: meId, type: "oauth", provider: "github", providerAccountId: unique(), ...tokens } });
  forbidden = [other.email, me.password, other.password, ...hashes.map((h) => h.hashedPassword!), ...Object.values(tokens)];
});

afterAll(() => {
  current.user = null;
});

async function body(response: Response): Promise<string> {
  return response.text();
}

function expectClean(what: string, value: unknown) {
  expect(findSecretLeaks(value, forbidden), what).toEqual([]);
}

describe("no secrets leave the server", () => {
  it("the detector itself finds each kind of secret", () => {
    expect(findSecretLeaks({ hashedPassword: "x" })).toContain('field name "hashedPassword"');
    expect(findSecretLeaks(`$2b$12$${"a".repeat(53)}`)).toContain("a bcrypt hash");
    expect(findSecretLeaks({ email: "x@y.z" }, ["x@y.z"])).toHaveLength(1);
  });

  it("registration responses", async () => {
    const ok = await registerRoute.POST(
      new Request(`${ORIGIN}/api/auth/register`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "New", email: `new-${unique()}@parley.test`, password: `new password ${unique()}` }),
      }),
    );
    expect(ok.status).toBe(201);
    expectClean("201", await body(ok));
    const taken = await registerRoute.POST(
      new Request(`${ORIGIN}/api/auth/register`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json" },
        body: JSON.stringify(other),
      }),
    );
    expect(taken.status).toBe(409);
    expectClean("409", await body(taken));
  });

  it("refuses cross-site and origin-less POSTs (CSRF)", async () => {
    for (const headers of [{ Origin: "https://evil.test" }, {} as Record<string, string>]) {
      const response = await registerRoute.POST(
        new Request(`${ORIGIN}/api/auth/register`, { method: "POST", headers, body: JSON.stringify(me) }),
      );
      expect(response.status).toBe(403);
    }
    current.user = { id: meId, name: "Me", image: null };
    const form = new FormData();
    form.set("name", "Hijacked");
    const profile = await profileRoute.POST(
      new Request(`${ORIGIN}/api/profile`, { method: "POST", headers: { Origin: "https://evil.test" }, body: form }),
    );
    expect(profile.status).toBe(403);
    expect((await getOwnProfile(meId)).name).toBe("Me");
  });

  it("profile API responses", async () => {
    current.user = { id: meId, name: "Me", image: null };
    const get = await profileRoute.GET(new Request(`${ORIGIN}/api/profile`));
    expect(get.status).toBe(200);
    const text = await body(get);
    expectClean("GET /api/profile", text);
    expect(JSON.parse(text)).toMatchObject({ profile: { email: me.email, providers: ["github"], hasPassword: true } });

    const form = new FormData();
    form.set("name", "Me Again");
    const post = await profileRoute.POST(new Request(`${ORIGIN}/api/profile`, { method: "POST", headers: { Origin: ORIGIN }, body: form }));
    expect(post.status).toBe(200);
    expectClean("POST /api/profile", await body(post));

    const wrong = await passwordRoute.POST(
      new Request(`${ORIGIN}/api/profile/password`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json" },
        body: JSON.stringify({ currentPassword: "not mine at all", newPassword: "another new password" }),
      }),
    );
    expect(wrong.status).toBe(400);
    expectClean("POST /api/profile/password", await body(wrong));

    current.user = null;
    const anonymous = await profileRoute.GET(new Request(`${ORIGIN}/api/profile`));
    expect(anonymous.status).toBe(401);
  });

  it("NextAuth's token and session, and the adapter's users", async () => {
    const user = await authenticate({ email: me.email, password: me.password });
    expectClean("authorize()", user);
    const options = getAuthOptions();
    const token = await options.callbacks!.jwt!({ token: { sub: meId, email: me.email }, user: user!, account: null } as never);
    expectClean("jwt", token);
    expect(JSON.stringify(token)).not.toContain(me.email);
    const session = await options.callbacks!.session!({ session: { expires: "", user: {} }, token } as never);
    expectClean("session", session);
    expect(JSON.stringify(session)).not.toContain(me.email);

    const adapter = createAdapter();
    expectClean("adapter.getUser", await adapter.getUser!(meId));
    expectClean("adapter.getUserByEmail", await adapter.getUserByEmail!(other.email.replace(other.email, me.email)));
  });

  it("domain results the pages render", async () => {
    expectClean("getOwnProfile", await getOwnProfile(meId));
    expectClean("updateProfile", await updateProfile(meId, { name: "Me" }));
  });
});
