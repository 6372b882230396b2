// An OAuth sign-in that still waits for its second factor (lib/account/two-factor/pending.ts) is
// nobody: every discovered entry point — each route handler method, each server action, each
// realtime channel kind — is called through the REAL session code (lib/auth/session.ts, not the
// matrix's test double) with a real NextAuth session cookie holding a pending token, and must answer
// what it answers an anonymous caller (or its declared `pending` status: the code check itself).
// The same calls with a fully signed-in cookie of the same user must get the member's status, which
// proves the cookie really reaches the session code (a harness that dropped it would pass the first
// half for nothing). Pages: requirePageUser sends a pending sign-in to the code page.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Next.js's server runtime provides this global; its request store needs it.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external");

const dataDir = fs.mkdtempSync(`${os.tmpdir()}/parley-pending-`);
process.env.PARLEY_DATA_DIR = dataDir;
// The assistant's routes answer as in the matrix (a provider configured; none is contacted).
process.env.AI_BASE_URL = "http://127.0.0.1:9/v1";
process.env.AI_MODEL = "matrix-model";

const { ACTIONS, CHANNELS, ROUTES } = await import("./entry-points");
const { discoverActions, discoverChannelKinds, discoverRoutes, ROOT } = await import("./discover");
const { makeFixture, makeRequest, unlimitedBudgets } = await import("./support");
const { createSendLimiter, setSendLimiterForTests } = await import("@/lib/rate-limit/send-limit");
const { setUserBudgetsForTests } = await import("@/lib/rate-limit/user-budgets");
const { MemoryRateLimitStore } = await import("@/lib/rate-limit/limiter");
const { ERROR_STATUS } = await import("@/lib/errors");
const { pendingToken } = await import("@/lib/account/two-factor/pending-state");
const { getSessionUser, requirePageUser } = await import("@/lib/auth/session");
const { db } = await import("@/lib/db/client");

type Fixture = Awaited<ReturnType<typeof makeFixture>>;
type Kind = "pending" | "signedIn";

const secret = process.env.NEXTAUTH_SECRET!;
const COOKIE = "next-auth.session-token"; // NEXTAUTH_URL of the Vitest environment is http
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A session cookie of the fixture's member, as NextAuth would set it: pending, or fully signed in. */
async function cookieFor(f: Fixture, kind: Kind): Promise<string> {
  const base = { sub: f.member.id, name: f.member.name, picture: f.member.image, sv: 0 };
  const token = kind === "pending" ? pendingToken(f.member, 0) : base;
  return `${COOKIE}=${await encode({ token, secret, maxAge: 3600 })}`;
}

/** Runs `fn` as Next runs a route handler or server action: in a request store holding these cookies. */
function inRequest<T>(cookie: string, fn: () => Promise<T>): Promise<T> {
  const headers = new Headers({ cookie });
  const store = { type: "request", phase: "action", headers, cookies: new RequestCookies(headers) };
  return workUnitAsyncStorage.run(store as never, fn);
}

const expected = (entry: { expect: Record<string, number | undefined>; pending?: number }, kind: Kind) =>
  kind === "pending" ? (entry.pending ?? entry.expect.anonymous!) : entry.expect.member!;

beforeAll(() => {
  setSendLimiterForTests(createSendLimiter(new MemoryRateLimitStore(), 1_000_000));
  setUserBudgetsForTests(unlimitedBudgets());
});
afterAll(async () => {
  setSendLimiterForTests(null);
  setUserBudgetsForTests(null);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await db.$disconnect();
});

const routes = await discoverRoutes();
const actions = await discoverActions();
const channelKinds = discoverChannelKinds();

describe("a sign-in waiting for its second factor is nobody", () => {
  it("getSessionUser: null for the pending cookie, the user for a signed-in one", async () => {
    const f = await makeFixture("Pend");
    expect(await inRequest(await cookieFor(f, "pending"), () => getSessionUser())).toBeNull();
    expect((await inRequest(await cookieFor(f, "signedIn"), () => getSessionUser()))?.id).toBe(f.member.id);
  });

  it("a protected page sends the pending sign-in to the code page, a stranger to sign-in", async () => {
    const f = await makeFixture("Pend");
    const digest = (cookie: string) =>
      inRequest(cookie, () => requirePageUser("/chat")).then(
        () => "no redirect",
        (error: { digest?: string }) => error.digest ?? String(error),
      );
    expect(await digest(await cookieFor(f, "pending"))).toContain("/sign-in/two-factor?callbackUrl=%2Fchat");
    expect(await digest("other=1")).toContain("/sign-in?callbackUrl=%2Fchat");
  });

  // One test per entry point (as in the matrix): each is a few database writes and one call, so the
  // default timeout holds however many entry points there are and however loaded the machine is (one
  // test looping over all of them grew with every new entry point and timed out under load).
  const inProcessRoutes = routes.filter((r) => ROUTES[r.key] && !ROUTES[r.key]!.notInProcess);
  const declaredActions = actions.filter((a) => ACTIONS[a.key]);
  const declaredKinds = channelKinds.filter((k) => CHANNELS[k]);

  it("calls enough entry points to mean something (sanity: discovery still finds them)", () => {
    expect(inProcessRoutes.length).toBeGreaterThanOrEqual(10);
    expect(declaredActions.length).toBeGreaterThanOrEqual(5);
    expect(declaredKinds.length).toBeGreaterThanOrEqual(1);
  });

  for (const kind of ["pending", "signedIn"] as const) {
    describe(`${kind === "pending" ? "pending" : "signed-in (control)"} session cookie`, () => {
      describe("route handler methods", () => {
        for (const r of inProcessRoutes) {
          const entry = ROUTES[r.key]!;
          it(r.key, async () => {
            const f = await makeFixture("Pend", { image: true });
            const cookie = await cookieFor(f, kind);
            const spec = entry.request!({ f, role: "member", unique: unique() });
            const mod = (await import(/* @vite-ignore */ path.join(ROOT, r.file))) as Record<
              string,
              (req: Request, ctx: unknown) => Promise<Response>
            >;
            const response = await inRequest(cookie, () =>
              mod[r.method]!(makeRequest(r.method, spec.path, spec.body, { ...spec.headers, cookie }), {
                params: Promise.resolve(spec.params ?? {}),
              }),
            );
            const status = response.status;
            expect(status, status === expected(entry, kind) ? "" : await response.text()).toBe(expected(entry, kind));
          });
        }
      });

      describe("server actions", () => {
        for (const a of declaredActions) {
          const entry = ACTIONS[a.key]!;
          it(a.key, async () => {
            const f = await makeFixture("Pend");
            const mod = (await import(/* @vite-ignore */ path.join(ROOT, a.file))) as Record<
              string,
              (...args: unknown[]) => Promise<{ ok: boolean; error?: { code: string } }>
            >;
            const result = await inRequest(await cookieFor(f, kind), () =>
              mod[a.name]!(...entry.args({ f, role: "member", unique: unique() })),
            );
            const actual = result.ok ? 200 : ((ERROR_STATUS as Record<string, number>)[result.error!.code] ?? 500);
            expect(actual).toBe(expected(entry, kind));
          });
        }
      });

      describe("realtime channel kinds", () => {
        for (const k of declaredKinds) {
          const entry = CHANNELS[k]!;
          it(`channel kind ${k}`, async () => {
            const { POST } = await import("@/app/api/realtime/auth/route");
            const f = await makeFixture("Pend");
            const cookie = await cookieFor(f, kind);
            const channel = entry.channel({ f, role: "member", unique: unique() }, f.member.id);
            const response = await inRequest(cookie, () =>
              POST(
                makeRequest("POST", "/api/realtime/auth", { urlencoded: { socket_id: "1234.5678", channel_name: channel } }, { cookie }),
                undefined,
              ),
            );
            expect(response.status).toBe(expected(entry, kind));
          });
        }
      });
    });
  }
});
