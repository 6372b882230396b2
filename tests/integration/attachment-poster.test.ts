// The browser's poster fallback (issue 14): without ffmpeg a video is stored without a poster, and its
// uploader may PUT one (PUT /api/attachments/{id}/poster). In-process on the embedded database with
// real files in a temporary folder; the video is made by Debian's ffmpeg at test time, and the server
// is made to believe ffmpeg is missing with FFMPEG_PATH (media-tools.ts reads it on every call).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-poster-"));
process.env.PARLEY_DATA_DIR = dataDir;

vi.mock("@/lib/auth/session", async () => (await import("../security/session-mock")).sessionModule);

const { signInAs, sessionModule } = await import("../security/session-mock");
const { makeFixture, makeRequest, newId, unlimitedBudgets } = await import("../security/support");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const { createUserBudgets, setUserBudgetsForTests } = await import("@/lib/rate-limit/user-budgets");
const { MemoryRateLimitStore } = await import("@/lib/rate-limit/limiter");
const { db } = await import("@/lib/db/client");
const attachmentsRoute = await import("@/app/api/attachments/route");
const posterRoute = await import("@/app/api/attachments/[id]/poster/route");
const { sendMessage } = await import("@/lib/chat/messages/send");
const { POSTER_MAX_BYTES } = await import("@/lib/chat/attachments/poster");

type Who = { id: string; name: string | null; image: string | null };
let f: Awaited<ReturnType<typeof makeFixture>>;
let mp4: Buffer;
let photo: Buffer;
const attachDir = path.join(dataDir, "attachments");
const realFfmpeg = process.env.FFMPEG_PATH;

beforeAll(async () => {
  setSessionResolverForTests(() => sessionModule.requireSessionUser());
  setUserBudgetsForTests(unlimitedBudgets());
  f = await makeFixture("Poster");
  const file = path.join(dataDir, "v.mp4");
  execFileSync("/usr/bin/ffmpeg", [
    ...["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1.5"],
    ...["-c:v", "libx264", "-pix_fmt", "yuv420p", file],
  ]);
  mp4 = fs.readFileSync(file);
  // A large photo with EXIF (GPS included): the stored poster must be smaller and clean.
  photo = await sharp({ create: { width: 1280, height: 720, channels: 3, background: "#369" } })
    .jpeg()
    .withExif({ IFD0: { Copyright: "secret-owner" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" } })
    .toBuffer();
}, 60_000);

afterEach(() => {
  if (realFfmpeg === undefined) delete process.env.FFMPEG_PATH;
  else process.env.FFMPEG_PATH = realFfmpeg;
});

afterAll(async () => {
  setSessionResolverForTests(null);
  setUserBudgetsForTests(null);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await db.$disconnect();
});

/** A request whose body is raw bytes (makeRequest's raw bodies are text). */
function bytesRequest(method: string, url: string, body: Buffer, type: string): Request {
  return new Request(`http://localhost:3000${url}`, {
    method,
    body: new Uint8Array(body),
    headers: { origin: "http://localhost:3000", "content-type": type },
  });
}

async function uploadVideo(as: Who, { ffmpeg }: { ffmpeg: boolean }) {
  if (!ffmpeg) process.env.FFMPEG_PATH = "/nonexistent/ffmpeg";
  signInAs(as);
  const request = bytesRequest("POST", "/api/attachments?name=clip.mp4", mp4, "application/octet-stream");
  const response = await attachmentsRoute.POST(request, undefined);
  const body = (await response.json()) as { id: string; kind: string; posterUrl: string | null };
  expect(response.status, JSON.stringify(body)).toBe(201);
  if (realFfmpeg === undefined) delete process.env.FFMPEG_PATH;
  else process.env.FFMPEG_PATH = realFfmpeg;
  return body;
}

async function putPoster(id: string, as: Who | null, bytes: Uint8Array | string, type = "image/jpeg") {
  signInAs(as);
  const response = await posterRoute.PUT(bytesRequest("PUT", `/api/attachments/${id}/poster`, Buffer.from(bytes), type), {
    params: Promise.resolve({ id }),
  });
  return { status: response.status, body: (await response.json()) as { posterUrl?: string | null; error?: { message: string } } };
}

async function getPoster(id: string, as: Who) {
  signInAs(as);
  return posterRoute.GET(makeRequest("GET", `/api/attachments/${id}/poster`), { params: Promise.resolve({ id }) });
}

const posterFiles = () => (fs.existsSync(attachDir) ? fs.readdirSync(attachDir).filter((n) => n.endsWith("-poster.jpg")) : []);
const posterKeyOf = async (id: string) => (await db.attachment.findUniqueOrThrow({ where: { id } })).posterKey;

describe("the browser's poster when the server has no ffmpeg", () => {
  it("GET /api/attachments says whether the server makes posters", async () => {
    signInAs(f.member);
    const limits = async () =>
      (await (await attachmentsRoute.GET(makeRequest("GET", "/api/attachments"), undefined)).json()) as Record<string, unknown>;
    expect(await limits()).toMatchObject({ serverPosters: true });
    process.env.FFMPEG_PATH = "/nonexistent/ffmpeg";
    expect(await limits()).toMatchObject({ serverPosters: false });
  });

  it("a video uploaded without ffmpeg has no poster; its uploader's image becomes one, re-encoded (≤ 640 px, JPEG, no EXIF)", async () => {
    const video = await uploadVideo(f.member, { ffmpeg: false });
    expect(video).toMatchObject({ kind: "video", posterUrl: null });
    expect((await getPoster(video.id, f.member)).status).toBe(404);

    const { status, body } = await putPoster(video.id, f.member, photo);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.posterUrl).toBe(`/api/attachments/${video.id}/poster`);
    const served = await getPoster(video.id, f.member);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["jpeg", 640, 360, undefined]);
    expect(bytes.includes("secret-owner")).toBe(false);

    // Once it has one, a second poster is refused and the first stays.
    const again = await putPoster(
      video.id,
      f.member,
      await sharp({ create: { width: 10, height: 10, channels: 3, background: "#f00" } })
        .png()
        .toBuffer(),
      "image/png",
    );
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/already has a poster/);
    expect((await sharp(Buffer.from(await (await getPoster(video.id, f.member)).arrayBuffer())).metadata()).width).toBe(640);
  });

  it("PNG and WebP are accepted too; a small image is not enlarged", async () => {
    const png = await uploadVideo(f.member, { ffmpeg: false });
    const small = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#0f0" } })
      .webp()
      .toBuffer();
    expect((await putPoster(png.id, f.member, small, "image/webp")).status).toBe(200);
    const meta = await sharp(Buffer.from(await (await getPoster(png.id, f.member)).arrayBuffer())).metadata();
    expect([meta.format, meta.width]).toEqual(["jpeg", 64]);
  });

  it("refuses a stranger (404), a non-image (415) and an oversize body (413), writing nothing", async () => {
    const video = await uploadVideo(f.member, { ffmpeg: false });
    const before = posterFiles().length;
    for (const who of [f.admin, f.outsider]) {
      const { status } = await putPoster(video.id, who, photo);
      expect(status).toBe(404);
    }
    const text = await putPoster(video.id, f.member, "just some text, not an image");
    expect(text.status).toBe(415);
    expect(text.body.error?.message).toMatch(/JPEG, PNG or WebP/);
    // An SVG is not an image here (it can carry script).
    expect((await putPoster(video.id, f.member, '<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml")).status).toBe(415);
    // JPEG magic bytes, then garbage: sharp cannot decode it.
    expect((await putPoster(video.id, f.member, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]))).status).toBe(
      415,
    );
    const huge = Buffer.concat([photo, Buffer.alloc(POSTER_MAX_BYTES, 1)]);
    expect((await putPoster(video.id, f.member, huge)).status).toBe(413);
    expect(await posterKeyOf(video.id)).toBeNull();
    expect(posterFiles().length).toBe(before);
    expect(fs.readdirSync(path.join(attachDir, "tmp"))).toEqual([]);
    // An unknown id is the same 404.
    expect((await putPoster(newId(), f.member, photo)).status).toBe(404);
  });

  it("refuses once the video is sent, and for anything but a video", async () => {
    const video = await uploadVideo(f.member, { ffmpeg: false });
    await sendMessage(f.member.id, f.groupId, { id: newId(), attachmentIds: [video.id] });
    const sent = await putPoster(video.id, f.member, photo);
    expect(sent.status).toBe(409);
    expect(sent.body.error?.message).toMatch(/already been sent/);
    expect(await posterKeyOf(video.id)).toBeNull();

    signInAs(f.member);
    const pdf = await attachmentsRoute.POST(
      makeRequest("POST", "/api/attachments?name=r.pdf", { raw: "%PDF-1.4\n%%EOF\n", type: "application/octet-stream" }),
      undefined,
    );
    const { id } = (await pdf.json()) as { id: string };
    expect((await putPoster(id, f.member, photo)).status).toBe(400);
    expect(await posterKeyOf(id)).toBeNull();
  });

  it("counts a poster like an upload: over the budget, 429 before anything is decoded or written", async () => {
    const video = await uploadVideo(f.member, { ffmpeg: false });
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore(), { uploads: 1 }));
    try {
      signInAs(f.member);
      // The one upload the budget allows, then the poster is one too many.
      await attachmentsRoute.POST(
        bytesRequest("POST", "/api/attachments?name=r.pdf", Buffer.from("%PDF-1.4\n%%EOF\n"), "application/pdf"),
        undefined,
      );
      const { status } = await putPoster(video.id, f.member, photo);
      expect(status).toBe(429);
      expect(await posterKeyOf(video.id)).toBeNull();
    } finally {
      setUserBudgetsForTests(unlimitedBudgets());
    }
  });

  it("never replaces the poster the server made with ffmpeg", async () => {
    const video = await uploadVideo(f.member, { ffmpeg: true });
    expect(video.posterUrl).toBe(`/api/attachments/${video.id}/poster`);
    const before = Buffer.from(await (await getPoster(video.id, f.member)).arrayBuffer());
    const { status } = await putPoster(video.id, f.member, photo);
    expect(status).toBe(409);
    const after = Buffer.from(await (await getPoster(video.id, f.member)).arrayBuffer());
    expect(after.equals(before)).toBe(true);
    expect((await sharp(after).metadata()).width).toBe(64);
  });
});
