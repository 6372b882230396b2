// Upload refusals (message images: POST /api/uploads; avatars: POST /api/profile) and the serving
// route GET /api/uploads/[...key]: wrong type disguised by extension/Content-Type, oversized files,
// decompression bombs, polyglots, path-traversal names and keys. In-process, real storage in a
// temporary folder.
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

let f: Awaited<ReturnType<typeof makeFixture>>;
const tally = { requests: 0, refused: 0 };

beforeAll(async () => {
  setSessionResolverForTests(() => sessionModule.requireSessionUser());
  f = await makeFixture("Upl");
});
afterAll(async () => {
  setSessionResolverForTests(null);
  console.info(`uploads: ${tally.requests} requests, ${tally.refused} refused`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await db.$disconnect();
});

function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function upload(bytes: Uint8Array, name: string, type: string, headers: Record<string, string> = {}) {
  signInAs(f.member);
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await uploadsRoute.POST(makeRequest("POST", "/api/uploads", { form }, headers), undefined);
  tally.requests += 1;
  if (response.status >= 400) tally.refused += 1;
  return { status: response.status, body: (await response.json()) as { url?: string; error?: { code: string; message: string } } };
}

async function avatar(bytes: Uint8Array, name: string, type: string) {
  signInAs(f.third);
  const form = new FormData();
  form.set("avatar", new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await profileRoute.POST(makeRequest("POST", "/api/profile", { form }));
  tally.requests += 1;
  if (response.status >= 400) tally.refused += 1;
  return { status: response.status, body: (await response.json()) as { user?: { image: string | null }; error?: { code: string; message: string } } };
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
    expect((await uploadsRoute.POST(makeRequest("POST", "/api/uploads", { form }, { origin: "https://evil.example" }), undefined)).status).toBe(403);
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
    const key = body.url!.replace("/api/uploads/", "").split("/");
    const response = await uploadGetRoute.GET(makeRequest("GET", body.url!), { params: Promise.resolve({ key }) });
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
