// Authorization matrix (OWASP ASVS V8.2.1 function-level, V8.2.2 data-specific, V8.3.1 enforced at
// a trusted service layer): every discovered entry point × every role, against the declarations of
// tests/security/entry-points.ts, on the real database. Also: every state-changing route refuses a
// cross-site Origin (403), and every entry point is declared (no forgotten endpoint).
import fs from "node:fs";
import os from "node:os";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// Fixtures store an image (GET /api/uploads/[...key]): in a temporary uploads folder.
const dataDir = fs.mkdtempSync(`${os.tmpdir()}/parley-authz-`);
process.env.PARLEY_DATA_DIR = dataDir;
// The assistant's routes are checked with a provider configured (none is contacted: every call here
// is refused before a reply streams, or needs no provider).
process.env.AI_BASE_URL = "http://127.0.0.1:9/v1";
process.env.AI_MODEL = "matrix-model";

vi.mock("@/lib/auth/session", async () => (await import("./session-mock")).sessionModule);

const { signInAs } = await import("./session-mock");
const { ACTIONS, CHANNELS, ROLES, ROUTES } = await import("./entry-points");
const { discoverActionModules, discoverActions, discoverChannelKinds, discoverRoutes, ROOT } = await import("./discover");
const { EVIL_ORIGIN, makeFixture, makeRequest, unlimitedBudgets } = await import("./support");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const { createSendLimiter, setSendLimiterForTests } = await import("@/lib/rate-limit/send-limit");
const { setUserBudgetsForTests } = await import("@/lib/rate-limit/user-budgets");
const { MemoryRateLimitStore } = await import("@/lib/rate-limit/limiter");
const { db } = await import("@/lib/db/client");
const { ERROR_STATUS } = await import("@/lib/errors");
const path = await import("node:path");

type Role = (typeof ROLES)[number];
type Fixture = Awaited<ReturnType<typeof makeFixture>>;

const results: { key: string; role: Role; expected: number; actual: number }[] = [];
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function actorFor(f: Fixture, role: Role) {
  switch (role) {
    case "anonymous":
      return null;
    case "nonMember":
      return f.outsider;
    case "member":
      return f.member;
    case "admin":
      return f.admin;
  }
}

function rolesOf(entry: { scope: string; expect: Partial<Record<Role, number>> }): Role[] {
  return ROLES.filter((r) => r !== "admin" || entry.scope === "conversation");
}

beforeAll(() => {
  // The session of lib/chat/http's routes comes from the same mock as everyone else's.
  setSessionResolverForTests(async () => (await import("./session-mock")).sessionModule.requireSessionUser());
  setSendLimiterForTests(createSendLimiter(new MemoryRateLimitStore(), 1_000_000));
  setUserBudgetsForTests(unlimitedBudgets());
});
afterEach(() => signInAs(null));
afterAll(async () => {
  setSessionResolverForTests(null);
  setSendLimiterForTests(null);
  setUserBudgetsForTests(null);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const denied = results.filter((r) => r.actual >= 400).length;
  const crossSite = results.filter((r) => r.key.endsWith("(cross-site)")).length;
  console.info(
    `authz matrix: ${routes.length} route handlers, ${actions.length} server actions, ${channelKinds.length} channel kinds; ` +
      `${results.length} calls (${results.length - crossSite} role checks + ${crossSite} cross-site), ${denied} refused`,
  );
  await db.$disconnect();
});

/** What is discovered but not declared, as messages telling the developer what to add. */
function undeclared(
  foundRoutes: { key: string; file: string }[],
  foundActions: { key: string }[],
  kinds: string[],
  inline: string[],
): string[] {
  const problems: string[] = [];
  for (const r of foundRoutes)
    if (!ROUTES[r.key])
      problems.push(
        `route ${r.key} (${r.file}) has no declaration: add ROUTES["${r.key}"] to tests/security/entry-points.ts with the status each role must get`,
      );
  for (const a of foundActions)
    if (!ACTIONS[a.key])
      problems.push(`server action ${a.key} has no declaration: add ACTIONS["${a.key}"] to tests/security/entry-points.ts`);
  for (const k of kinds)
    if (!CHANNELS[k])
      problems.push(
        `channel kind "${k}" (lib/realtime/channels.ts) has no declaration: add CHANNELS["${k}"] to tests/security/entry-points.ts`,
      );
  for (const file of inline)
    problems.push(`${file} has an inline "use server" action: move it to a "use server" module so the matrix can enumerate it`);
  return problems;
}

const routes = await discoverRoutes();
const actions = await discoverActions();
const channelKinds = discoverChannelKinds();

describe("entry point discovery", () => {
  it("finds the app's entry points (sanity: the globs still match the layout)", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes.map((r) => r.key)).toContain("POST /api/conversations/[id]/messages");
    expect(actions.map((a) => a.key)).toContain("app/(chat)/actions.ts#createGroupAction");
    expect(channelKinds).toContain("conversation");
  });

  it("every route handler, server action and channel kind is declared in tests/security/entry-points.ts", () => {
    const problems = undeclared(routes, actions, channelKinds, discoverActionModules().inline);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("the check itself fails on a new, undeclared entry point (with a message saying what to do)", () => {
    const problems = undeclared(
      [
        ...routes,
        {
          key: "PATCH /api/conversations/[id]",
          file: "app/api/conversations/[id]/route.ts",
          method: "PATCH",
          urlPath: "/api/conversations/[id]",
        },
      ],
      [...actions, { key: "app/(chat)/actions.ts#renameGroupAction", file: "app/(chat)/actions.ts", name: "renameGroupAction" }],
      [...channelKinds, "team"],
      ["components/chat/inline-action.tsx"],
    );
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(
      /route PATCH \/api\/conversations\/\[id\].*add ROUTES\["PATCH \/api\/conversations\/\[id\]"\] to tests\/security\/entry-points\.ts/,
    );
    expect(problems[1]).toMatch(/renameGroupAction has no declaration/);
    expect(problems[2]).toMatch(/channel kind "team"/);
    expect(problems[3]).toMatch(/inline "use server"/);
  });

  it("has no stale declarations (every declared entry point still exists)", () => {
    const stale = [
      ...Object.keys(ROUTES).filter((k) => !routes.some((r) => r.key === k)),
      ...Object.keys(ACTIONS).filter((k) => !actions.some((a) => a.key === k)),
      ...Object.keys(CHANNELS).filter((k) => !channelKinds.includes(k)),
    ];
    expect(stale, `remove these from tests/security/entry-points.ts: ${stale.join(", ")}`).toEqual([]);
  });

  it("declares an expectation for every role that applies (admin where roles apply)", () => {
    const missing: string[] = [];
    for (const [key, entry] of [...Object.entries(ROUTES), ...Object.entries(ACTIONS), ...Object.entries(CHANNELS)]) {
      for (const role of rolesOf(entry)) if (entry.expect[role] === undefined) missing.push(`${key}: ${role}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("route handlers × roles", () => {
  for (const r of routes) {
    const entry = ROUTES[r.key];
    if (!entry) continue;
    if (entry.notInProcess) {
      it.skip(`${r.key} — ${entry.notInProcess}`, () => {});
      continue;
    }
    it(`${r.key}`, async () => {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, r.file))) as Record<
        string,
        (req: Request, ctx: unknown) => Promise<Response>
      >;
      const handler = mod[r.method]!;
      const failures: string[] = [];
      for (const role of rolesOf(entry)) {
        const f = await makeFixture("Sec", { image: true });
        const actor = actorFor(f, role);
        signInAs(actor);
        const spec = entry.request!({ f, role, unique: unique() });
        const response = await handler(makeRequest(r.method, spec.path, spec.body, spec.headers), {
          params: Promise.resolve(spec.params ?? {}),
        });
        const expected = entry.expect[role]!;
        results.push({ key: r.key, role, expected, actual: response.status });
        if (response.status !== expected) failures.push(`${role}: expected ${expected}, got ${response.status} ${await response.text()}`);
      }
      if (entry.csrf) {
        const f = await makeFixture("Csrf");
        signInAs(f.member);
        const spec = entry.request!({ f, role: "member", unique: unique() });
        const response = await handler(makeRequest(r.method, spec.path, spec.body, { ...spec.headers, origin: EVIL_ORIGIN }), {
          params: Promise.resolve(spec.params ?? {}),
        });
        results.push({ key: `${r.key} (cross-site)`, role: "member", expected: 403, actual: response.status });
        if (response.status !== 403) failures.push(`cross-site Origin: expected 403, got ${response.status}`);
      }
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }
});

describe("server actions × roles", () => {
  for (const a of actions) {
    const entry = ACTIONS[a.key];
    if (!entry) continue;
    it(`${a.key}`, async () => {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, a.file))) as Record<
        string,
        (...args: unknown[]) => Promise<{ ok: boolean; error?: { code: string } }>
      >;
      const failures: string[] = [];
      for (const role of rolesOf(entry)) {
        const f = await makeFixture("Act");
        signInAs(actorFor(f, role));
        const result = await mod[a.name]!(...entry.args({ f, role, unique: unique() }));
        const actual = result.ok ? 200 : ((ERROR_STATUS as Record<string, number>)[result.error!.code] ?? 500);
        const expected = entry.expect[role]!;
        results.push({ key: a.key, role, expected, actual });
        if (actual !== expected) failures.push(`${role}: expected ${expected}, got ${actual} ${JSON.stringify(result)}`);
      }
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }
});

describe("realtime channel authorization × roles", () => {
  for (const kind of channelKinds) {
    const entry = CHANNELS[kind];
    if (!entry) continue;
    it(`channel kind ${kind}`, async () => {
      const { POST } = await import("@/app/api/realtime/auth/route");
      const failures: string[] = [];
      for (const role of rolesOf(entry)) {
        const f = await makeFixture("Chan");
        const actor = actorFor(f, role);
        signInAs(actor);
        const channel = entry.channel({ f, role, unique: unique() }, actor?.id ?? f.member.id);
        const response = await POST(
          makeRequest("POST", "/api/realtime/auth", { urlencoded: { socket_id: "1234.5678", channel_name: channel } }),
          undefined,
        );
        const expected = entry.expect[role]!;
        results.push({ key: `channel ${kind}`, role, expected, actual: response.status });
        if (response.status !== expected) failures.push(`${role} → ${channel}: expected ${expected}, got ${response.status}`);
        if (response.status === 200 && kind === "conversation-presence") {
          const body = (await response.json()) as { channel_data: string };
          expect(JSON.parse(body.channel_data).user_id).toBe(actor!.id); // identity from the session, never the client
        }
      }
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }
});
