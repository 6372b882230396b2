// Property-based fuzzing (fast-check) of every input of the app's entry points, in-process on the
// real database and realtime server. Each property sends generated payloads — wrong types, huge
// strings, unicode edge cases, prototype-pollution keys, broken JSON, invalid and foreign ids — and
// asserts: never a 5xx, always a JSON error body on refusal, no unhandled rejection, no prototype
// pollution, and no row written by a refused request (rows counted before/after and per request).
// FUZZ_SCALE multiplies the run counts (npm test: 1 → ≥ 10,000 payloads; stress: more).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("./session-mock")).sessionModule);

const { signInAs, sessionModule } = await import("./session-mock");
const { anyValue, bodyText, EDGE_STRINGS, field, idLike, messageIdArb, nastyString } = await import("./arbitraries");
const { makeFixture, makeRequest, newId, ORIGIN, unlimitedBudgets } = await import("./support");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const { createSendLimiter, setSendLimiterForTests } = await import("@/lib/rate-limit/send-limit");
const { setUserBudgetsForTests } = await import("@/lib/rate-limit/user-budgets");
const { MemoryRateLimitStore } = await import("@/lib/rate-limit/limiter");
const { db } = await import("@/lib/db/client");
const conversationsRoute = await import("@/app/api/conversations/route");
const conversationRoute = await import("@/app/api/conversations/[id]/route");
const messagesRoute = await import("@/app/api/conversations/[id]/messages/route");
const seenRoute = await import("@/app/api/conversations/[id]/seen/route");
const usersRoute = await import("@/app/api/users/route");
const searchRoute = await import("@/app/api/search/route");
const starredRoute = await import("@/app/api/starred/route");
const realtimeAuthRoute = await import("@/app/api/realtime/auth/route");
const userAuthRoute = await import("@/app/api/realtime/user-auth/route");
const registerRoute = await import("@/app/api/auth/register/route");
const profileRoute = await import("@/app/api/profile/route");
const passwordRoute = await import("@/app/api/profile/password/route");
const uploadsRoute = await import("@/app/api/uploads/route");
const uploadGetRoute = await import("@/app/api/uploads/[...key]/route");
const actions = await import("@/app/(chat)/actions");

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
// npm test is reproducible (fixed seed); the stress run (FUZZ_SEED=random) explores new inputs.
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261122);
fc.configureGlobal({ seed: SEED });
const EDGES = [...EDGE_STRINGS, "a\uD800b", "\uDC00x", "x\u0000", "Robert\u0000'); --"];
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const totals = { payloads: 0, refused: 0, accepted: 0, status5xx: 0 };
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let current = "";
/** Set while a test of a known, reported bug runs: its 5xx fails that test only. */
let knownBug = false;
let f: Awaited<ReturnType<typeof makeFixture>>;

type Handler = (request: Request, context: never) => Promise<Response>;

/** Calls a handler, checks the universal properties, returns the status. */
async function call(handler: Handler, request: Request, params: unknown = {}): Promise<number> {
  totals.payloads += 1;
  const response = await (handler as (r: Request, c: unknown) => Promise<Response>)(request, { params: Promise.resolve(params) });
  if (response.status >= 500 && !knownBug) totals.status5xx += 1;
  expect(response.status, `5xx for ${request.method} ${request.url} ${current}: ${await response.clone().text()}`).toBeLessThan(500);
  if (response.status >= 400) {
    totals.refused += 1;
    if (response.headers.get("content-type")?.includes("json")) {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      expect(typeof body.error?.message).toBe("string");
    }
  } else totals.accepted += 1;
  return response.status;
}

/** encodeURIComponent, but a lone surrogate (URIError) becomes its replacement character like a browser would. */
const enc = (value: string) => encodeURIComponent(value.toWellFormed());

const post = (path: string, text: string, type = "application/json", headers: Record<string, string> = {}) =>
  makeRequest("POST", path, { raw: text, type }, headers);

const messageCount = () => db.message.count({ where: { conversationId: f.groupId } });
const conversationsOf = (userId: string) => db.conversation.count({ where: { users: { some: { id: userId } } } });

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  setSessionResolverForTests(() => sessionModule.requireSessionUser());
  setSendLimiterForTests(createSendLimiter(new MemoryRateLimitStore(), 1_000_000));
  // The per-user budgets of issue #12 are tested in uploads.test.ts and rate-limits.test.ts.
  setUserBudgetsForTests(unlimitedBudgets());
  f = await makeFixture("Fuzz");
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  setSessionResolverForTests(null);
  setSendLimiterForTests(null);
  setUserBudgetsForTests(null);
  console.info(`fuzz totals (seed ${SEED}, scale ${SCALE}): ${JSON.stringify(totals)}; unhandled rejections: ${unhandled.length}`);
  await db.$disconnect();
});

describe("fuzzing the entry points (fast-check)", { timeout: 60_000 }, () => {
  it("POST /api/conversations/:id/messages: bodies (id, body, image) — created rows = 201s, nothing else", async () => {
    signInAs(f.member);
    const before = await messageCount();
    let created = 0;
    const body = bodyText({
      id: messageIdArb,
      body: fc.oneof(fc.string({ maxLength: 50 }), nastyString),
      image: fc.oneof(
        fc.constantFrom(
          "/api/uploads/msg-x.png",
          "https://res.cloudinary.com/x/a.png",
          "javascript:alert(1)",
          "data:image/svg+xml,<svg onload=alert(1)>",
        ),
        nastyString,
      ),
    });
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        let id: unknown;
        try {
          id = (JSON.parse(text) as { id?: unknown } | null)?.id;
        } catch {
          id = undefined;
        }
        const uuid = typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id.trim()) ? id.trim().toLowerCase() : null;
        const existed = uuid ? await db.message.count({ where: { id: uuid } }) : 0;
        const status = await call(messagesRoute.POST as Handler, post(`/api/conversations/${f.groupId}/messages`, text), { id: f.groupId });
        if (status === 201) created += 1;
        else if (status >= 400 && uuid) {
          // a refused request wrote nothing under the id it carried
          expect(await db.message.count({ where: { id: uuid } })).toBe(existed);
        }
      }),
      { numRuns: runs(1500) },
    );
    expect(await messageCount()).toBe(before + created);
  });

  it("POST /api/conversations/:id/messages hostile conversation ids (as a signed-in user) write nothing", async () => {
    signInAs(f.outsider);
    const before = await db.message.count({ where: { senderId: f.outsider.id } });
    await fc.assert(
      fc.asyncProperty(
        idLike(() => f.groupId),
        fc.string({ maxLength: 20 }),
        async (conversationId, text) => {
          const status = await call(
            messagesRoute.POST as Handler,
            post(`/api/conversations/${enc(conversationId)}/messages`, JSON.stringify({ id: newId(), body: text || "x" })),
            { id: conversationId },
          );
          expect([400, 404]).toContain(status);
        },
      ),
      { numRuns: runs(300) },
    );
    expect(await db.message.count({ where: { senderId: f.outsider.id } })).toBe(before);
  });

  it("server actions: arbitrary arguments of every action never throw and never answer internal", async () => {
    signInAs(f.member);
    const beforeMessages = await messageCount();
    const beforeConversations = await conversationsOf(f.member.id);
    const createdMessages = 0; // no server action sends messages (sends are the idempotent route)
    let createdConversations = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("seen", "direct", "group", "remove", "pin", "mute", "archive", "block"),
        field(fc.constant(null).map(() => f.groupId)),
        anyValue,
        async (which, a, b) => {
          totals.payloads += 1;
          let result: { ok: boolean; data?: unknown; error?: { code: string } };
          switch (which) {
            case "seen":
              result = await actions.markSeenAction(a as string, b as string);
              break;
            case "direct":
              result = await actions.startDirectConversationAction(b as string);
              if (result.ok && (result.data as { created: boolean }).created) createdConversations += 1;
              break;
            case "group":
              result = await actions.createGroupAction(b as never);
              if (result.ok) createdConversations += 1;
              break;
            // My chat list (issue 15): a member's own state of the fixture group, or a refusal.
            case "pin":
              result = await actions.pinConversationAction(a as string, b as boolean);
              break;
            case "mute":
              result = await actions.muteConversationAction(a as string, b as string);
              break;
            case "archive":
              result = await actions.archiveConversationAction(a as string, b as boolean);
              break;
            // Blocking (issue 15): hostile user ids and flags.
            case "block":
              result = await actions.setBlockedAction(b as string, a as boolean);
              break;
            default:
              // "remove": only hostile ids here: removing the fixture group would end the property
              result = await actions.removeConversationAction(typeof a === "string" && a === f.groupId ? newId() : (a as string));
          }
          if (!result.ok) {
            totals.refused += 1;
            expect(result.error!.code).not.toBe("internal");
          } else totals.accepted += 1;
        },
      ),
      { numRuns: runs(1000) },
    );
    expect(await messageCount()).toBe(beforeMessages + createdMessages);
    expect(await conversationsOf(f.member.id)).toBe(beforeConversations + createdConversations);
  });

  it("GET message pages, conversation detail and DELETE: hostile ids and query strings", async () => {
    signInAs(f.member);
    const query = fc.dictionary(fc.constantFrom("before", "after", "limit", "cursor", "folder", "__proto__", "query"), nastyString, {
      maxKeys: 3,
    });
    await fc.assert(
      fc.asyncProperty(
        idLike(() => f.groupId),
        query,
        async (id, q) => {
          const qs = new URLSearchParams(q).toString();
          await call(messagesRoute.GET as Handler, makeRequest("GET", `/api/conversations/${enc(id)}/messages?${qs}`), { id });
          await call(conversationRoute.GET as Handler, makeRequest("GET", `/api/conversations/${enc(id)}?${qs}`), { id });
          await call(conversationsRoute.GET as Handler, makeRequest("GET", `/api/conversations?${qs}`));
          if (id !== f.groupId) {
            const status = await call(conversationRoute.DELETE as Handler, makeRequest("DELETE", `/api/conversations/${enc(id)}`), { id });
            expect([400, 404]).toContain(status);
          }
        },
      ),
      { numRuns: runs(200) },
    );
    // the member is still in the group after every refused DELETE
    expect(await db.conversation.count({ where: { id: f.groupId, users: { some: { id: f.member.id } } } })).toBe(1);
  });

  it("POST /api/conversations: bodies — conversations created = 2xx with created:true", async () => {
    signInAs(f.member);
    const before = await conversationsOf(f.member.id);
    let created = 0;
    const realIds = fc.constantFrom(f.admin.id, f.third.id, f.outsider.id, f.member.id);
    const body = bodyText({
      type: fc.constantFrom("direct", "group", "GROUP", "channel"),
      userId: fc.oneof(realIds, nastyString),
      name: nastyString,
      memberIds: fc.oneof(
        fc.array(fc.oneof(realIds, nastyString), { maxLength: 5 }),
        anyValue,
        fc.array(fc.uuid(), { minLength: 51, maxLength: 60 }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const response = await conversationsRoute.POST(post("/api/conversations", text), undefined);
        totals.payloads += 1;
        expect(response.status).toBeLessThan(500);
        if (response.status < 400) {
          totals.accepted += 1;
          if (((await response.json()) as { created: boolean }).created) created += 1;
        } else totals.refused += 1;
      }),
      { numRuns: runs(1500) },
    );
    expect(await conversationsOf(f.member.id)).toBe(before + created);
  });

  it("POST /api/conversations/:id/seen and GET /api/users: bodies and queries", async () => {
    signInAs(f.member);
    await fc.assert(
      fc.asyncProperty(bodyText({ messageId: fc.oneof(fc.constant(f.messageId), nastyString) }), nastyString, async (text, q) => {
        await call(seenRoute.POST as Handler, post(`/api/conversations/${f.groupId}/seen`, text), { id: f.groupId });
        await call(usersRoute.GET as Handler, makeRequest("GET", `/api/users?query=${enc(q)}`));
      }),
      { numRuns: runs(400) },
    );
  });

  it("GET /api/search: hostile queries and filters", async () => {
    signInAs(f.member);
    await fc.assert(
      fc.asyncProperty(
        nastyString,
        fc.oneof(fc.constant(f.groupId), nastyString),
        fc.constantFrom("image", "link", "video", ""),
        nastyString,
        async (q, conversationId, has, other) => {
          await call(
            searchRoute.GET as Handler,
            makeRequest("GET", `/api/search?q=${enc(q)}&conversationId=${enc(conversationId)}&has=${enc(has)}`),
          );
          await call(
            searchRoute.GET as Handler,
            makeRequest("GET", `/api/search?q=${enc(`ok ${q}`)}&from=${enc(other)}&before=${enc(other)}&cursor=${enc(other)}`),
          );
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it("GET /api/starred: hostile cursors and limits", async () => {
    signInAs(f.member);
    await fc.assert(
      fc.asyncProperty(nastyString, nastyString, async (cursor, limit) => {
        await call(starredRoute.GET as Handler, makeRequest("GET", `/api/starred?cursor=${enc(cursor)}&limit=${enc(limit)}`));
      }),
      { numRuns: runs(200) },
    );
  });

  it("POST /api/realtime/auth and /user-auth: form and JSON bodies, hostile channel names", async () => {
    signInAs(f.member);
    const channel = fc.oneof(
      fc.constantFrom(
        `private-conversation-${f.groupId}`,
        `presence-conversation-${f.groupId}`,
        `private-user-${f.member.id}`,
        `private-user-${f.admin.id}`,
      ),
      nastyString.map((s) => `private-conversation-${s}`),
      nastyString.map((s) => `presence-${s}`),
      nastyString,
    );
    const socket = fc.oneof(fc.constantFrom("123.456", "1.1"), nastyString);
    await fc.assert(
      fc.asyncProperty(socket, channel, fc.boolean(), async (socketId, channelName, asJson) => {
        const body = { socket_id: socketId, channel_name: channelName };
        const request = asJson
          ? post("/api/realtime/auth", JSON.stringify(body))
          : post("/api/realtime/auth", new URLSearchParams(body).toString(), "application/x-www-form-urlencoded");
        const status = await call(realtimeAuthRoute.POST as Handler, request);
        if (status === 200) {
          // only the channels the member may join are ever signed
          expect([`private-conversation-${f.groupId}`, `presence-conversation-${f.groupId}`, `private-user-${f.member.id}`]).toContain(
            channelName,
          );
        }
        await call(
          userAuthRoute.POST as Handler,
          post("/api/realtime/user-auth", new URLSearchParams({ socket_id: socketId }).toString(), "application/x-www-form-urlencoded"),
        );
      }),
      { numRuns: runs(600) },
    );
  });

  it("POST /api/auth/register: refused bodies create no user", async () => {
    signInAs(null);
    const body = bodyText({
      name: fc.oneof(fc.constant("Fuzz Person"), nastyString),
      email: fc.oneof(fc.emailAddress(), nastyString),
      password: fc.oneof(fc.constant("a perfectly long password 42"), nastyString),
    });
    await fc.assert(
      fc.asyncProperty(body, fc.ipV4(), async (text, ip) => {
        let email: unknown;
        try {
          email = (JSON.parse(text) as { email?: unknown })?.email;
        } catch {
          email = undefined;
        }
        // PostgreSQL text cannot even hold these, so such an email cannot have been written
        if (typeof email === "string" && (email.includes("\u0000") || !email.isWellFormed())) email = undefined;
        const existed =
          typeof email === "string" ? await db.user.count({ where: { email: { equals: email.trim(), mode: "insensitive" } } }) : 0;
        const status = await call(
          registerRoute.POST as Handler,
          post("/api/auth/register", text, "application/json", { "x-forwarded-for": ip }),
        );
        if (status >= 400 && typeof email === "string") {
          expect(await db.user.count({ where: { email: { equals: email.trim(), mode: "insensitive" } } })).toBe(existed);
        }
      }),
      { numRuns: runs(600) },
    );
  });

  it("POST /api/profile and /api/profile/password: hostile form fields and JSON", async () => {
    signInAs(f.third);
    await fc.assert(
      fc.asyncProperty(
        nastyString,
        nastyString,
        bodyText({ currentPassword: nastyString, newPassword: nastyString }),
        async (name, imageUrl, text) => {
          const form = new FormData();
          form.set("name", name);
          form.set("imageUrl", imageUrl);
          await call(profileRoute.POST as Handler, makeRequest("POST", "/api/profile", { form }));
          const status = await call(passwordRoute.POST as Handler, post("/api/profile/password", text));
          expect(status).not.toBe(204); // the fixture user has no usable password
        },
      ),
      { numRuns: runs(600) },
    );
  });

  it("POST /api/uploads and GET /api/uploads/[...key]: random bytes, hostile names and keys", async () => {
    signInAs(f.member);
    const key = fc.array(fc.oneof(nastyString, fc.constantFrom("..", ".", "%2e%2e", "msg-x.png", "etc", "passwd")), {
      minLength: 1,
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 256 }), nastyString, key, async (bytes, name, segments) => {
        const form = new FormData();
        form.set("file", new Blob([bytes]), name);
        const status = await call(uploadsRoute.POST as Handler, makeRequest("POST", "/api/uploads", { form }));
        expect(status).not.toBe(201);
        const get = await call(uploadGetRoute.GET as Handler, makeRequest("GET", `/api/uploads/${segments.map(enc).join("/")}`), {
          key: segments,
        });
        expect(get).toBe(404);
      }),
      { numRuns: runs(800) },
    );
  });

  it("raw bodies of every kind on every POST route: wrong content types, cross-site and huge bodies", async () => {
    signInAs(f.member);
    const targets: [Handler, string, unknown][] = [
      [messagesRoute.POST as Handler, `/api/conversations/${f.groupId}/messages`, { id: f.groupId }],
      [seenRoute.POST as Handler, `/api/conversations/${f.groupId}/seen`, { id: f.groupId }],
      [conversationsRoute.POST as Handler, "/api/conversations", {}],
      [realtimeAuthRoute.POST as Handler, "/api/realtime/auth", {}],
      [registerRoute.POST as Handler, "/api/auth/register", {}],
      [passwordRoute.POST as Handler, "/api/profile/password", {}],
      [profileRoute.POST as Handler, "/api/profile", {}],
      [uploadsRoute.POST as Handler, "/api/uploads", {}],
    ];
    const before = await messageCount();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: targets.length - 1 }),
        nastyString,
        fc.constantFrom(
          "application/json",
          "text/plain",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "",
          "application/json; charset=utf-16",
        ),
        fc.constantFrom(ORIGIN, "https://evil.example", "null", ""),
        async (i, text, type, origin) => {
          const [handler, path, params] = targets[i]!;
          const status = await call(handler, makeRequest("POST", path, { raw: text, type: type || undefined }, { origin }), params);
          if (origin !== ORIGIN) expect(status).toBe(403);
        },
      ),
      { numRuns: runs(2500) },
    );
    expect(await messageCount()).toBe(before);
  });

  it("every edge string in every chat free-text field (bodies, group names, queries): never a 5xx", async () => {
    signInAs(f.member);
    for (const text of EDGES) {
      current = JSON.stringify(text);
      await call(
        messagesRoute.POST as Handler,
        post(`/api/conversations/${f.groupId}/messages`, JSON.stringify({ id: newId(), body: text })),
        { id: f.groupId },
      );
      await call(
        conversationsRoute.POST as Handler,
        post("/api/conversations", JSON.stringify({ type: "group", name: text, memberIds: [f.admin.id, f.third.id] })),
      );
      await call(usersRoute.GET as Handler, makeRequest("GET", `/api/users?query=${enc(text)}`));
      await call(searchRoute.GET as Handler, makeRequest("GET", `/api/search?q=${enc(text)}`));
    }
    current = "";
  });

  // Regression: lib/auth/validation.ts displayNameSchema used to accept lone UTF-16 surrogates, and
  // Prisma's query compiler then failed ("unexpected end of hex escape") → 500; fixed by a
  // well-formedness check. knownBug keeps a recurrence reported here rather than in the totals.
  it("every edge string as a display name (registration, profile): never a 5xx", async () => {
    knownBug = true;
    onTestFinished(() => {
      knownBug = false;
    });
    for (const text of EDGES) {
      current = JSON.stringify(text);
      signInAs(f.third);
      const form = new FormData();
      form.set("name", text);
      await call(profileRoute.POST as Handler, makeRequest("POST", "/api/profile", { form }));
      signInAs(null);
      const email = `edge-${Math.random().toString(36).slice(2)}@parley.test`;
      await call(
        registerRoute.POST as Handler,
        post("/api/auth/register", JSON.stringify({ name: text, email, password: "a perfectly long password 42" }), "application/json", {
          "x-forwarded-for": `10.5.${Math.floor(Math.random() * 250)}.1`,
        }),
      );
    }
    current = "";
  });

  it("leaves no prototype pollution and no unhandled rejection behind", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(unhandled.map(String)).toEqual([]);
    expect(totals.status5xx).toBe(0);
    expect(totals.payloads).toBeGreaterThanOrEqual(Math.round(10_000 * Math.min(SCALE, 1)));
  });
});
