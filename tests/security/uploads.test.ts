// Upload refusals (message images: POST /api/uploads; avatars: POST /api/profile) and the serving
// route GET /api/uploads/[...key]: wrong type disguised by extension/Content-Type, oversized files,
// decompression bombs, polyglots, path-traversal names and keys; who may read an upload (issue #12:
// members only, never anonymous), per-user upload budget and quota, orphan cleanup, and which image
// URLs messages and avatars may carry. In-process, real storage in a temporary folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-sec-uploads-"));
process.env.PARLEY_DATA_DIR = dataDir;

vi.mock("@/lib/auth/session", async () => (await import("./session-mock")).sessionModule);

const { signInAs } = await import("./session-mock");
const { makeFixture, makeRequest } = await import("./support");
const { bombPng, DISGUISED, lyingHeaderPng, polyglotPng, tinyPng, TRAVERSAL_NAMES } = await import("./images");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const { sessionModule } = await import("./session-mock");
const { db } = await import("@/lib/db/client");
const uploadsRoute = await import("@/app/api/uploads/route");
const uploadGetRoute = await import("@/app/api/uploads/[...key]/route");
const profileRoute = await import("@/app/api/profile/route");
const messagesRoute = await import("@/app/api/conversations/[id]/messages/route");
const conversationRoute = await import("@/app/api/conversations/[id]/route");
const { startDirectConversation } = await import("@/lib/chat/conversations/operations");
const { createUserBudgets, setUserBudgetsForTests } = await import("@/lib/rate-limit/user-budgets");
const { MemoryRateLimitStore } = await import("@/lib/rate-limit/limiter");
const { uploadQuotaBytes } = await import("@/lib/chat/uploads/records");
const { ORPHAN_GRACE_MS, sweepOrphanUploads } = await import("@/lib/chat/uploads/cleanup");
const { blackPng } = await import("./images");
const { newId, unlimitedBudgets } = await import("./support");

let f: Awaited<ReturnType<typeof makeFixture>>;
const tally = { requests: 0, refused: 0 };

beforeAll(async () => {
  setSessionResolverForTests(() => sessionModule.requireSessionUser());
  setUserBudgetsForTests(unlimitedBudgets()); // the upload budget has its own test below
  f = await makeFixture("Upl");
});
afterAll(async () => {
  setSessionResolverForTests(null);
  setUserBudgetsForTests(null);
  console.info(`uploads: ${tally.requests} requests, ${tally.refused} refused`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await db.$disconnect();
});

function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function upload(
  bytes: Uint8Array,
  name: string,
  type: string,
  headers: Record<string, string> = {},
  as: { id: string; name: string | null; image: string | null } = f.member,
) {
  signInAs(as);
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await uploadsRoute.POST(makeRequest("POST", "/api/uploads", { form }, headers), undefined);
  tally.requests += 1;
  if (response.status >= 400) tally.refused += 1;
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { url?: string; thumbnailUrl?: string; error?: { code: string; message: string } },
  };
}

type Actor = { id: string; name: string | null; image: string | null } | null;

/** GET an upload URL as `actor` (null: anonymous). */
async function fetchAs(actor: Actor, url: string, headers: Record<string, string> = {}) {
  signInAs(actor);
  const key = url.replace("/api/uploads/", "").split("/");
  return uploadGetRoute.GET(makeRequest("GET", url, undefined, headers), { params: Promise.resolve({ key }) });
}

async function send(actor: Actor, conversationId: string, json: Record<string, unknown>) {
  signInAs(actor);
  const response = await messagesRoute.POST(
    makeRequest("POST", `/api/conversations/${conversationId}/messages`, { json: { id: newId(), ...json } }),
    {
      params: Promise.resolve({ id: conversationId }),
    },
  );
  return { status: response.status, body: (await response.json()) as { message?: { id: string }; error?: { message: string } } };
}

async function avatar(bytes: Uint8Array, name: string, type: string) {
  signInAs(f.third);
  const form = new FormData();
  form.set("avatar", new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await profileRoute.POST(makeRequest("POST", "/api/profile", { form }));
  tally.requests += 1;
  if (response.status >= 400) tally.refused += 1;
  return {
    status: response.status,
    body: (await response.json()) as { user?: { image: string | null }; error?: { code: string; message: string } },
  };
}

describe("message image uploads (POST /api/uploads)", () => {
  it("accepts a real image and stores it under a random key, whatever the file name", async () => {
    for (const name of TRAVERSAL_NAMES) {
      const before = filesIn(dataDir).length;
      const { status, body } = await upload(tinyPng(), name, "image/png");
      expect(status).toBe(201);
      expect(body.url).toMatch(/^\/api\/uploads\/msg-[0-9a-f-]{36}\.png$/);
      const after = filesIn(dataDir);
      expect(after.length).toBe(before + 2); // image + thumbnail, both inside the uploads folder
      for (const file of after) expect(path.resolve(file).startsWith(path.join(dataDir, "uploads") + path.sep)).toBe(true);
    }
    // nothing was ever written outside the data folder
    expect(fs.existsSync(path.join(dataDir, "..", "secret.png"))).toBe(false);
  });

  it("refuses files of another type disguised by extension and Content-Type (415, clear message)", async () => {
    for (const file of DISGUISED) {
      const { status, body } = await upload(file.bytes, file.name, file.type);
      expect(status, file.name).toBe(415);
      expect(body.error?.message).toMatch(/PNG, JPEG, GIF or WebP/);
    }
  });

  it("refuses a polyglot (image magic bytes, HTML body) because it does not decode (415)", async () => {
    const { status, body } = await upload(polyglotPng(), "x.png", "image/png");
    expect(status).toBe(415);
    expect(body.error?.message).toMatch(/could not be read/);
  });

  it("refuses a decompression bomb: 64 Mpixel in ~64 KB, and a header claiming 10 Gpixel (415)", async () => {
    const bomb = bombPng();
    expect(bomb.length).toBeLessThan(200_000);
    for (const bytes of [bomb, lyingHeaderPng()]) {
      const started = Date.now();
      const { status, body } = await upload(bytes, "bomb.png", "image/png");
      expect(status).toBe(415);
      expect(body.error?.message).toMatch(/could not be read/);
      expect(Date.now() - started).toBeLessThan(5_000); // refused from the header, not after decoding
    }
  });

  it("refuses oversized files: declared Content-Length and actual size (413), and empty files", async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(tinyPng());
    const actual = await upload(big, "big.png", "image/png");
    expect(actual.status).toBe(413);
    expect(actual.body.error?.message).toMatch(/at most 5 MB/);
    const declared = await upload(tinyPng(), "x.png", "image/png", { "content-length": String(50 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    const empty = await upload(new Uint8Array(), "x.png", "image/png");
    expect([400, 415]).toContain(empty.status);
  });

  it("refuses uploads without a session (401) and cross-site (403)", async () => {
    signInAs(null);
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(tinyPng())]), "x.png");
    expect((await uploadsRoute.POST(makeRequest("POST", "/api/uploads", { form }), undefined)).status).toBe(401);
    signInAs(f.member);
    expect(
      (await uploadsRoute.POST(makeRequest("POST", "/api/uploads", { form }, { origin: "https://evil.example" }), undefined)).status,
    ).toBe(403);
  });
});

describe("serving uploads (GET /api/uploads/[...key])", () => {
  it("answers 404 to traversal and malformed keys, never a file outside the uploads folder", async () => {
    fs.writeFileSync(path.join(dataDir, "outside.png"), tinyPng());
    const keys = [
      ["..", "outside.png"],
      ["..", "..", "etc", "passwd"],
      ["%2e%2e", "outside.png"],
      ["..%2foutside.png"],
      ["msg-x.png", "..", "..", "outside.png"],
      ["avatars", "..", "..", "outside.png"],
      ["outside.png\u0000.png"],
      ["/etc/passwd.png"],
      ["msg-x.svg"],
      ["msg-x.html"],
    ];
    for (const key of keys) {
      const response = await uploadGetRoute.GET(makeRequest("GET", `/api/uploads/${key.map((k) => encodeURIComponent(k)).join("/")}`), {
        params: Promise.resolve({ key }),
      });
      tally.requests += 1;
      tally.refused += 1;
      expect(response.status, key.join("/")).toBe(404);
    }
  });

  it("serves a stored image as an image only: nosniff, sandbox CSP, the validated type", async () => {
    const { body } = await upload(tinyPng(), "x.png", "image/png");
    const response = await fetchAs(f.member, body.url!); // its uploader (issue #12: no longer anyone)
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
  });
});

describe("avatars (POST /api/profile, field avatar)", () => {
  it("refuses disguised files (415) and oversized files (413) with a field message", async () => {
    for (const file of DISGUISED) {
      const { status, body } = await avatar(file.bytes, file.name, file.type);
      expect(status, file.name).toBe(415);
      expect(body.error?.message).toMatch(/PNG, JPEG, GIF or WebP/);
    }
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(tinyPng());
    expect((await avatar(big, "big.png", "image/png")).status).toBe(413);
  });

  it("stores an avatar under a random key whatever its name", async () => {
    for (const name of TRAVERSAL_NAMES.slice(0, 3)) {
      const { status, body } = await avatar(tinyPng(), name, "image/png");
      expect(status).toBe(200);
      expect(body.user?.image).toMatch(/^\/api\/uploads\/avatars\/[0-9a-f-]{36}\/[0-9a-f]{32}\.(png|jpg|gif|webp)$/);
    }
  });

  // Regression: avatars used to be checked by magic bytes only and stored as uploaded (bomb and
  // polyglot accepted, EXIF kept); lib/users/profile.ts now decodes and re-encodes them.
  it("refuses a decompression-bomb avatar and a polyglot avatar (415)", async () => {
    expect((await avatar(bombPng(), "bomb.png", "image/png")).status).toBe(415);
    expect((await avatar(polyglotPng(), "x.png", "image/png")).status).toBe(415);
  });
});

// Issue #12 item 8: an image sent in a 1:1 was served with 200 to a user outside the chat and to an
// anonymous client, marked `public, max-age=31536000, immutable`.
describe("who may read an upload (GET /api/uploads/[...key])", () => {
  it("serves a 1:1's image to its two members only: outsiders and anonymous get 404, caching is private", async () => {
    const { conversation } = await startDirectConversation(f.member.id, f.third.id);
    const { body } = await upload(tinyPng(), "private.png", "image/png", {}, f.member);
    // Not sent yet: only its uploader.
    expect((await fetchAs(f.member, body.url!)).status).toBe(200);
    expect((await fetchAs(f.third, body.url!)).status).toBe(404);
    expect((await send(f.member, conversation.id, { image: body.url })).status).toBe(201);
    for (const url of [body.url!, body.thumbnailUrl!]) {
      for (const reader of [f.member, f.third]) {
        const response = await fetchAs(reader, url);
        expect(response.status, url).toBe(200);
        expect(response.headers.get("cache-control")).toBe("private, no-cache");
        // Revalidation is authorized too: a member gets 304, an outsider 404.
        const etag = response.headers.get("etag")!;
        expect((await fetchAs(reader, url, { "if-none-match": etag })).status).toBe(304);
        expect((await fetchAs(f.outsider, url, { "if-none-match": etag })).status).toBe(404);
      }
      for (const stranger of [f.outsider, f.admin, null]) {
        const response = await fetchAs(stranger, url);
        expect(response.status, `${stranger?.id ?? "anonymous"} ${url}`).toBe(404);
        expect(await response.text()).toBe("Not found"); // the answer of a missing file: no hint
      }
    }
  });

  it("a former group member loses access at once", async () => {
    const g = await makeFixture("UplLeave", { image: true });
    const url = `/api/uploads/${g.imageKey}`;
    expect((await fetchAs(g.third, url)).status).toBe(200);
    signInAs(g.third);
    const left = await conversationRoute.DELETE(makeRequest("DELETE", `/api/conversations/${g.groupId}`), {
      params: Promise.resolve({ id: g.groupId }),
    });
    expect(left.status).toBe(200);
    expect((await fetchAs(g.third, url)).status).toBe(404);
    expect((await fetchAs(g.member, url)).status).toBe(200);
  });

  it("refuses to send someone else's upload (re-posting a key must not grant access) and a legacy key without a record", async () => {
    const { conversation } = await startDirectConversation(f.outsider.id, f.third.id);
    const { body } = await upload(tinyPng(), "mine.png", "image/png", {}, f.member);
    const stolen = await send(f.outsider, conversation.id, { image: body.url });
    expect(stolen.status).toBe(400);
    expect((await fetchAs(f.third, body.url!)).status).toBe(404);
    expect((await send(f.outsider, conversation.id, { image: "/api/uploads/msg-00000000-0000-0000-0000-000000000000.png" })).status).toBe(
      400,
    );
  });

  it("keeps files stored before upload records readable by the members of a message that shows them", async () => {
    const g = await makeFixture("UplLegacy", { image: true });
    await db.upload.deleteMany({ where: { key: g.imageKey! } }); // as if uploaded before the Upload model
    const url = `/api/uploads/${g.imageKey}`;
    expect((await fetchAs(g.member, url)).status).toBe(200);
    expect((await fetchAs(g.outsider, url)).status).toBe(404);
    expect((await fetchAs(null, url)).status).toBe(404);
  });

  it("serves avatars to signed-in users only, while they are the user's current picture", async () => {
    const { body } = await avatar(tinyPng(), "me.png", "image/png");
    const url = body.user!.image!;
    expect((await fetchAs(f.outsider, url)).status).toBe(200);
    expect((await fetchAs(null, url)).status).toBe(404);
    await avatar(tinyPng(), "again.png", "image/png"); // replaced: the old file and record are gone
    expect((await fetchAs(f.outsider, url)).status).toBe(404);
    expect(await db.upload.count({ where: { key: url.replace("/api/uploads/", "") } })).toBe(0);
  });
});

// Issue #12 item 5: uploads had no per-user budget, no quota, a 40-Mpixel decode limit, and files
// nothing referenced stayed forever.
describe("upload budgets, quota and cleanup", () => {
  it("limits uploads per user (UPLOAD_RATE_LIMIT per 10 min): 429 + Retry-After before decoding, nothing stored", async () => {
    const [alone] = await (await import("@/tests/support/chat-fixtures")).makeUsers(1, "UplBudget");
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore(), { uploads: 3 }));
    try {
      for (let i = 0; i < 3; i += 1) expect((await upload(tinyPng(), "x.png", "image/png", {}, alone!)).status).toBe(201);
      const before = filesIn(dataDir).length;
      const refused = await upload(tinyPng(), "x.png", "image/png", {}, alone!);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.body.error?.message).toMatch(/Too many uploads/);
      expect(filesIn(dataDir).length).toBe(before);
      expect((await upload(tinyPng(), "x.png", "image/png", {}, f.member)).status).toBe(201); // another user
    } finally {
      setUserBudgetsForTests(unlimitedBudgets());
    }
  });

  it("refuses uploads over the storage quota (UPLOAD_QUOTA_MB, default 200) with 413 and a clear message", async () => {
    const [user] = await (await import("@/tests/support/chat-fixtures")).makeUsers(1, "UplQuota");
    expect(uploadQuotaBytes()).toBe(200 * 1024 * 1024);
    // Uploads already near the quota (records only: the quota sums record sizes).
    await db.upload.create({
      data: { key: `msg-${crypto.randomUUID()}.png`, ownerId: user!.id, size: uploadQuotaBytes() - 10, contentType: "image/png" },
    });
    const refused = await upload(tinyPng(), "x.png", "image/png", {}, user!);
    expect(refused.status).toBe(413);
    expect(refused.body.error?.message).toMatch(/storage is full.*of 200 MB/);
    signInAs(user!);
    const form = new FormData();
    form.set("avatar", new Blob([new Uint8Array(tinyPng())], { type: "image/png" }), "a.png");
    expect((await profileRoute.POST(makeRequest("POST", "/api/profile", { form }))).status).toBe(413);
  });

  it("refuses images over 25 Mpixel from the header (was 40), in well under a second", async () => {
    const started = Date.now();
    const { status } = await upload(blackPng(6000, 5000), "30mp.png", "image/png"); // 30 Mpixel, ~30 KB
    expect(status).toBe(415);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("deletes orphaned uploads: never sent after the grace period, and the file of a deleted message", async () => {
    const g = await makeFixture("UplSweep", { image: true });
    const unsent = await upload(tinyPng(), "unsent.png", "image/png", {}, g.member);
    const fresh = await upload(tinyPng(), "fresh.png", "image/png", {}, g.member);
    const keyOf = (url: string) => url.replace("/api/uploads/", "");
    const exists = (url: string) => fs.existsSync(path.join(dataDir, "uploads", keyOf(url)));
    const old = new Date(Date.now() - ORPHAN_GRACE_MS - 60_000);
    await db.upload.update({ where: { key: keyOf(unsent.body.url!) }, data: { createdAt: old } });
    // The group's image message is deleted (its record keeps the file until the sweep).
    await db.upload.update({ where: { key: g.imageKey! }, data: { createdAt: old } });
    const shown = `/api/uploads/${g.imageKey}`;
    await db.message.deleteMany({ where: { image: shown } });
    expect(await db.upload.findUnique({ where: { key: g.imageKey! }, select: { messageId: true } })).toEqual({ messageId: null });
    // A sent, old image stays.
    const kept = await makeFixture("UplKept", { image: true });
    await db.upload.update({ where: { key: kept.imageKey! }, data: { createdAt: old } });

    expect(await sweepOrphanUploads({ limit: 10_000 })).toBeGreaterThanOrEqual(2);
    expect(exists(unsent.body.url!)).toBe(false);
    expect(exists(unsent.body.thumbnailUrl!)).toBe(false);
    expect(exists(shown)).toBe(false);
    expect(await db.upload.count({ where: { key: { in: [keyOf(unsent.body.url!), g.imageKey!] } } })).toBe(0);
    expect(exists(fresh.body.url!)).toBe(true); // within the grace period: may still be sent
    expect(exists(`/api/uploads/${kept.imageKey}`)).toBe(true);
    expect((await fetchAs(kept.member, `/api/uploads/${kept.imageKey}`)).status).toBe(200);
  });
});

// Issue #12 item 11: avatars accepted any https URL and message images any res.cloudinary.com URL.
describe("image URLs from elsewhere", () => {
  it("refuses an avatar URL and a message image URL on a host not in PARLEY_IMAGE_HOSTS", async () => {
    signInAs(f.third);
    const form = new FormData();
    form.set("imageUrl", "https://tracker.example/pixel.png");
    const profile = await profileRoute.POST(makeRequest("POST", "/api/profile", { form }));
    expect(profile.status).toBe(400);
    const { conversation } = await startDirectConversation(f.member.id, f.third.id);
    for (const image of ["https://res.cloudinary.com/anyone/image/upload/pixel.png", "https://tracker.example/pixel.png"]) {
      expect((await send(f.member, conversation.id, { image })).status, image).toBe(400);
    }
    process.env.PARLEY_IMAGE_HOSTS = "images.example.org";
    try {
      expect((await send(f.member, conversation.id, { image: "https://images.example.org/a.png" })).status).toBe(201);
      const allowed = new FormData();
      allowed.set("imageUrl", "https://images.example.org/me.png");
      expect((await profileRoute.POST(makeRequest("POST", "/api/profile", { form: allowed }))).status).toBe(200);
    } finally {
      delete process.env.PARLEY_IMAGE_HOSTS;
    }
  });
});
