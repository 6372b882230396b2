// Attachments on S3 (issue 14), in-process on the embedded database against a REAL S3-protocol
// server (lib/embedded/s3-server: SigV4 verified, multipart, Range, CORS) — no fake fetch. The
// server path (POST /api/attachments) lands in the bucket, not on disk; reads are proxied with
// Range and the session check; deleting the message deletes the objects. The direct path: start →
// parts PUT by plain fetch to the presigned URLs (as the browser does) → complete; refusals
// (cut short, wrong type, oversize, quota, another user's or an expired token) leave no object, no
// open multipart upload and no row; abort discards the parts.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startS3Server } from "@/lib/embedded/s3-server/s3-server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-attachments-s3-"));
process.env.PARLEY_DATA_DIR = dataDir;
// Small limits (as in attachments.test.ts): images 64 KB, videos 512 KB, other 256 KB, quota 2 MB.
process.env.ATTACHMENT_MAX_IMAGE_MB = String(64 / 1024);
process.env.ATTACHMENT_MAX_VIDEO_MB = "0.5";
process.env.ATTACHMENT_MAX_FILE_MB = "0.25";
process.env.UPLOAD_QUOTA_MB = "2";
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64");
const ORIGIN = "http://localhost:3000";
const s3 = await startS3Server({
  dir: path.join(dataDir, "bucket"),
  bucket: "parley-att",
  accessKeyId: "att-key",
  secretAccessKey: "att-secret",
  corsOrigins: [ORIGIN],
  minPartSize: 1024,
});
Object.assign(process.env, {
  S3_BUCKET: "parley-att",
  S3_ACCESS_KEY_ID: "att-key",
  S3_SECRET_ACCESS_KEY: "att-secret",
  S3_ENDPOINT: s3.url,
  S3_REGION: "us-east-1",
});

vi.mock("@/lib/auth/session", async () => (await import("../security/session-mock")).sessionModule);

const { signInAs, sessionModule } = await import("../security/session-mock");
const { makeFixture, makeRequest, newId, unlimitedBudgets } = await import("../security/support");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const { fetchAttachment, filesIn } = await import("../support/attachment-requests");
const { setUserBudgetsForTests } = await import("@/lib/rate-limit/user-budgets");
const { db } = await import("@/lib/db/client");
const attachmentsRoute = await import("@/app/api/attachments/route");
const directRoute = await import("@/app/api/attachments/direct/route");
const completeRoute = await import("@/app/api/attachments/direct/complete/route");
const { setDirectPartSizeForTests } = await import("@/lib/chat/attachments/direct");
const { sendMessage } = await import("@/lib/chat/messages/send");
const { deleteMessage } = await import("@/lib/chat/message-actions/operations");

type Who = { id: string; name: string | null; image: string | null };
let f: Awaited<ReturnType<typeof makeFixture>>;
let png: Buffer;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PART = 4 * 1024;
const attachDir = path.join(dataDir, "attachments");
const objectOf = (key: string) => `attachments/${key}`;

beforeAll(async () => {
  setSessionResolverForTests(() => sessionModule.requireSessionUser());
  setUserBudgetsForTests(unlimitedBudgets());
  setDirectPartSizeForTests(PART);
  f = await makeFixture("AttS3");
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c00" } })
    .png()
    .toBuffer();
}, 60_000);

afterAll(async () => {
  setSessionResolverForTests(null);
  setUserBudgetsForTests(null);
  setDirectPartSizeForTests(null);
  await s3.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await db.$disconnect();
});

/** A short H.264 test clip (64×48) made by Debian's ffmpeg. */
function makeMp4(name: string, seconds: number): Buffer {
  const file = path.join(dataDir, `${name}.mp4`);
  execFileSync("/usr/bin/ffmpeg", [
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `testsrc=size=64x48:rate=10:duration=${seconds}`,
    "-c:v",
    "libx264",
    "-pix_fmt",
    "yuv420p",
    file,
  ]);
  const clip = fs.readFileSync(file);
  fs.rmSync(file);
  return clip;
}

type Answer = Record<string, unknown> & { error?: { code: string; message: string } };

async function post(bytes: Buffer, name: string, as: Who) {
  signInAs(as);
  const response = await attachmentsRoute.POST(
    new Request(`${ORIGIN}/api/attachments?name=${encodeURIComponent(name)}`, {
      method: "POST",
      body: new Uint8Array(bytes),
      headers: { origin: ORIGIN, "content-type": "application/octet-stream" },
    }),
    undefined,
  );
  return { status: response.status, body: (await response.json()) as Answer };
}

async function call(route: { POST?: unknown; DELETE?: unknown }, method: "POST" | "DELETE", url: string, json: unknown, as: Who) {
  signInAs(as);
  const handler = route[method] as (request: Request, context: undefined) => Promise<Response>;
  const response = await handler(makeRequest(method, url, { json }), undefined);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Answer };
}

interface Start {
  token: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
}
const start = (name: string, size: number, as: Who, voice?: boolean) =>
  call(directRoute, "POST", "/api/attachments/direct", { name, size, voice }, as) as Promise<{ status: number; body: Answer & Start }>;
const complete = (token: string, parts: { partNumber: number; etag: string }[], as: Who) =>
  call(completeRoute, "POST", "/api/attachments/direct/complete", { token, parts }, as);
const abort = (token: string, as: Who) => call(directRoute, "DELETE", "/api/attachments/direct", { token }, as);

/** PUTs the parts as the browser does: plain fetch, no credentials, the ETag read from the answer. */
async function putParts(begun: Start, bytes: Buffer) {
  const parts: { partNumber: number; etag: string }[] = [];
  for (const { partNumber, url } of begun.parts) {
    const from = (partNumber - 1) * begun.partSize;
    const response = await fetch(url, {
      method: "PUT",
      body: new Uint8Array(bytes.subarray(from, from + begun.partSize)),
      headers: { origin: ORIGIN },
    });
    expect(response.status).toBe(200);
    parts.push({ partNumber, etag: response.headers.get("etag")! });
  }
  return parts;
}

async function direct(bytes: Buffer, name: string, as: Who) {
  const begun = await start(name, bytes.length, as);
  expect(begun.status).toBe(201);
  return complete(begun.body.token, await putParts(begun.body, bytes), as);
}

const localFiles = () => filesIn(attachDir);

let before: { keys: string[]; rows: number };
const snapshot = async (who: Who) => ({ keys: await s3.keys(), rows: await db.attachment.count({ where: { uploaderId: who.id } }) });
/** Nothing left behind: the same objects and rows as before, no open multipart upload, nothing on disk. */
async function expectNothingLeft(who: Who) {
  expect(await snapshot(who)).toEqual(before);
  expect(await s3.openUploads()).toEqual([]);
  expect(localFiles()).toEqual([]);
}

describe("the server path on S3", () => {
  it("stores uploads in the bucket (not on disk), serves them with Range to members only, and deletes them with the message", async () => {
    const pdf = await post(PDF, "report.pdf", f.admin);
    expect(pdf.status).toBe(201);
    const image = await post(png, "photo.png", f.admin);
    expect(image.status).toBe(201);
    const rows = await db.attachment.findMany({
      where: { id: { in: [String(pdf.body.id), String(image.body.id)] } },
      select: { id: true, storageKey: true, posterKey: true },
    });
    const keys = rows.flatMap((r) => [r.storageKey, r.posterKey]).filter((k): k is string => !!k);
    expect(keys).toHaveLength(3); // the PDF, the re-encoded image and its thumbnail
    const stored = await s3.keys();
    for (const key of keys) expect(stored).toContain(objectOf(key));
    expect(localFiles()).toEqual([]);

    const { message } = await sendMessage(f.admin.id, f.groupId, {
      id: newId(),
      attachmentIds: [String(pdf.body.id), String(image.body.id)],
    });
    const part = await fetchAttachment(String(pdf.body.id), f.member, { range: "bytes=5-7" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 5-7/${PDF.length}`);
    expect(await part.text()).toBe("1.4");
    expect(part.headers.get("cache-control")).toMatch(/^private/);
    expect(part.headers.get("x-content-type-options")).toBe("nosniff");
    const whole = await fetchAttachment(String(pdf.body.id), f.member);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(PDF);
    const etag = whole.headers.get("etag")!;
    expect((await fetchAttachment(String(pdf.body.id), f.member, { "if-none-match": etag })).status).toBe(304);
    const thumb = await fetchAttachment(String(image.body.id), f.member, {}, true);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect((await fetchAttachment(String(pdf.body.id), f.outsider)).status).toBe(404);
    expect((await fetchAttachment(String(pdf.body.id), null)).status).toBe(404);

    await deleteMessage(f.admin.id, message.id, { scope: "everyone" });
    const left = await s3.keys();
    for (const key of keys) expect(left).not.toContain(objectOf(key));
  });
});

describe("forwarding and the sweep on S3", () => {
  it("copies a forwarded file in the bucket (server-side) so it outlives the original; the sweep deletes abandoned objects", async () => {
    const { forwardMessage } = await import("@/lib/chat/message-actions/operations");
    const { startDirectConversation } = await import("@/lib/chat/conversations/operations");
    const { sweepPendingAttachments, PENDING_GRACE_MS } = await import("@/lib/chat/attachments/operations");
    const pdf = await post(PDF, "fwd.pdf", f.admin);
    const original = await sendMessage(f.admin.id, f.groupId, { id: newId(), attachmentIds: [String(pdf.body.id)] });
    const { conversation } = await startDirectConversation(f.member.id, f.third.id);
    const { messages } = await forwardMessage(f.member.id, original.message.id, { conversationIds: [conversation.id] });
    const copyId = messages[0]!.attachments![0]!.id;
    await deleteMessage(f.admin.id, original.message.id, { scope: "everyone" });
    const copy = await fetchAttachment(copyId, f.third);
    expect(copy.status).toBe(200);
    expect(Buffer.from(await copy.arrayBuffer())).toEqual(PDF);

    const abandoned = await post(PDF, "abandoned.pdf", f.member);
    const row = (await db.attachment.findUnique({ where: { id: String(abandoned.body.id) }, select: { storageKey: true } }))!;
    expect(await s3.keys()).toContain(objectOf(row.storageKey));
    await sweepPendingAttachments({ now: new Date(Date.now() + PENDING_GRACE_MS + 60_000) });
    expect(await s3.keys()).not.toContain(objectOf(row.storageKey));
    expect(localFiles()).toEqual([]);
  });
});

describe("direct uploads", () => {
  beforeEach(async () => {
    before = await snapshot(f.third);
  });

  it("says it is available, then takes a multi-part file PUT straight to the bucket", async () => {
    signInAs(f.third);
    const limits = (await (await attachmentsRoute.GET(makeRequest("GET", "/api/attachments"), undefined)).json()) as { direct: boolean };
    expect(limits.direct).toBe(true);

    const bytes = Buffer.concat([PDF, randomBytes(3 * PART)]);
    const begun = await start("big.pdf", bytes.length, f.third);
    expect(begun.status).toBe(201);
    expect(begun.body.parts).toHaveLength(4);
    // Each URL is good for exactly its part's size: a longer body is refused by the bucket.
    const longer = await fetch(begun.body.parts[0]!.url, { method: "PUT", body: new Uint8Array(bytes.subarray(0, PART + 1)) });
    expect(longer.status).toBe(403);
    const done = await complete(begun.body.token, await putParts(begun.body, bytes), f.third);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ name: "big.pdf", size: bytes.length, mimeType: "application/pdf", kind: "file" });
    const row = (await db.attachment.findUnique({ where: { id: String(done.body.id) }, select: { storageKey: true } }))!;
    expect(await s3.keys()).toContain(objectOf(row.storageKey));
    const served = await fetchAttachment(String(done.body.id), f.third, { range: `bytes=${PART - 2}-${PART + 1}` });
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes.subarray(PART - 2, PART + 2));
    expect(await s3.openUploads()).toEqual([]);
    expect(localFiles()).toEqual([]);
    // A replayed token neither completes again nor deletes the stored file.
    expect((await complete(begun.body.token, [{ partNumber: 1, etag: '"x"' }], f.third)).status).toBe(409);
    expect(await s3.keys()).toContain(objectOf(row.storageKey));

    // An image goes through sharp: re-encoded (the original replaced) with a thumbnail, both in the bucket.
    const image = await direct(png, "photo.png", f.third);
    expect(image.status).toBe(201);
    expect(image.body).toMatchObject({ kind: "image", mimeType: "image/png", width: 40, height: 30 });
    const imageRow = (await db.attachment.findUnique({
      where: { id: String(image.body.id) },
      select: { storageKey: true, posterKey: true, size: true },
    }))!;
    expect(await s3.keys()).toEqual(expect.arrayContaining([objectOf(imageRow.storageKey), objectOf(imageRow.posterKey!)]));
    const servedImage = Buffer.from(await (await fetchAttachment(String(image.body.id), f.third)).arrayBuffer());
    expect(servedImage.length).toBe(imageRow.size);
    expect(localFiles()).toEqual([]);
    await db.attachment.deleteMany({ where: { id: { in: [String(done.body.id), String(image.body.id)] } } });
  });

  it("probes a video sent direct on a streamed local copy: duration, size and a poster in the bucket", async () => {
    const clip = makeMp4("clip", 1.5);
    const answer = await direct(clip, "clip.mp4", f.third);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ kind: "video", mimeType: "video/mp4", width: 64, height: 48 });
    expect(Number(answer.body.durationMs)).toBeGreaterThan(1000);
    const row = (await db.attachment.findUnique({ where: { id: String(answer.body.id) }, select: { storageKey: true, posterKey: true } }))!;
    expect(await s3.keys()).toEqual(expect.arrayContaining([objectOf(row.storageKey), objectOf(row.posterKey!)]));
    const poster = await fetchAttachment(String(answer.body.id), f.third, {}, true);
    expect(poster.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await poster.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(localFiles()).toEqual([]);
    await db.attachment.delete({ where: { id: String(answer.body.id) } });
  });

  it("keeps the browser's poster of a video in the bucket when the server has no ffmpeg", async () => {
    const clip = makeMp4("noposter", 1);
    const { receiveClientPoster } = await import("@/lib/chat/attachments/poster");
    process.env.FFMPEG_PATH = "/nonexistent/ffmpeg";
    let answer: Awaited<ReturnType<typeof direct>>;
    try {
      answer = await direct(clip, "noposter.mp4", f.third);
    } finally {
      delete process.env.FFMPEG_PATH;
    }
    expect(answer.status).toBe(201);
    expect(answer.body.posterUrl ?? null).toBeNull();
    const frame = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#0a0" } })
      .jpeg()
      .toBuffer();
    const stored = await receiveClientPoster(f.third.id, String(answer.body.id), {
      body: new Blob([new Uint8Array(frame)]).stream(),
      declaredSize: frame.byteLength,
    });
    expect(stored.posterUrl).toBeTruthy();
    const row = (await db.attachment.findUnique({ where: { id: String(answer.body.id) }, select: { posterKey: true } }))!;
    expect(await s3.keys()).toContain(objectOf(row.posterKey!));
    const poster = await fetchAttachment(String(answer.body.id), f.third, {}, true);
    expect(poster.status).toBe(200);
    expect(poster.headers.get("content-type")).toBe("image/jpeg");
    expect(localFiles()).toEqual([]);
    await db.attachment.delete({ where: { id: String(answer.body.id) } });
  });

  it.each([
    ["wrong magic bytes", () => Buffer.from("just text, not an image"), "cat.png", 415],
    ["an image over the image limit", () => Buffer.concat([png, Buffer.alloc(70 * 1024)]), "big.png", 413],
    ["a file over the file limit", () => Buffer.alloc(300 * 1024, 1), "big.bin", 413],
  ])("refuses %s at complete and leaves nothing", async (_what, make, name, status) => {
    const answer = await direct(make(), name, f.third);
    expect(answer.status).toBe(status);
    await expectNothingLeft(f.third);
  });

  it("refuses an upload cut short (parts missing) and leaves nothing", async () => {
    const bytes = Buffer.concat([PDF, randomBytes(2 * PART)]);
    const begun = await start("cut.pdf", bytes.length, f.third);
    const parts = await putParts({ ...begun.body, parts: begun.body.parts.slice(0, 2) }, bytes);
    const answer = await complete(begun.body.token, parts, f.third);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/cut short/);
    await expectNothingLeft(f.third);
  });

  it("refuses at start what cannot fit: over every limit, an empty file, a bad name", async () => {
    expect((await start("huge.mp4", 600 * 1024, f.third)).status).toBe(413);
    expect((await start("empty.pdf", 0, f.third)).status).toBe(400);
    expect((await start("../../etc/passwd", 10, f.third)).status).toBe(400);
    expect((await call(directRoute, "POST", "/api/attachments/direct", { name: "x.pdf", size: "ten" }, f.third)).status).toBe(400);
    await expectNothingLeft(f.third);
  });

  it("re-checks the quota at complete: an upload that no longer fits is deleted", async () => {
    const bytes = Buffer.concat([PDF, randomBytes(200 * 1024)]);
    const begun = await start("late.pdf", bytes.length, f.third);
    const parts = await putParts(begun.body, bytes);
    // Meanwhile the quota filled up (another upload of the same user).
    const filler = await db.attachment.create({
      data: {
        uploaderId: f.third.id,
        name: "filler.bin",
        size: 1.95 * 1024 * 1024,
        mimeType: "application/octet-stream",
        kind: "file",
        storageKey: randomUUID(),
      },
    });
    before = await snapshot(f.third);
    const answer = await complete(begun.body.token, parts, f.third);
    expect(answer.status).toBe(413);
    expect(answer.body.error?.message).toMatch(/storage is full/);
    await expectNothingLeft(f.third);
    expect((await start("more.pdf", 100 * 1024, f.third)).status).toBe(413);
    await db.attachment.delete({ where: { id: filler.id } });
  });

  it("binds the token to its uploader, expires it, refuses a forged one, and abort discards the parts", async () => {
    const begun = await start("mine.pdf", PDF.length, f.third);
    const parts = await putParts(begun.body, PDF);
    const stolen = await complete(begun.body.token, parts, f.member);
    expect(stolen.status).toBe(403);
    expect((await abort(begun.body.token, f.member)).status).toBe(403);
    const [payload, signature] = begun.body.token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), s: 1 })).toString(
      "base64url",
    );
    expect((await complete(`${forged}.${signature}`, parts, f.third)).status).toBe(400);
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now + 2 * 60 * 60 * 1000);
    const expired = await complete(begun.body.token, parts, f.third);
    clock.mockRestore();
    expect(expired.status).toBe(400);
    expect(expired.body.error?.message).toMatch(/expired/);
    await expectNothingLeft(f.third); // an expired upload is aborted on the spot

    const again = await start("mine.pdf", PDF.length, f.third);
    const againParts = await putParts(again.body, PDF);
    expect(await s3.openUploads()).toHaveLength(1);
    expect((await abort(again.body.token, f.third)).status).toBe(204);
    await expectNothingLeft(f.third);
    // Aborted: its parts cannot be completed any more.
    expect((await complete(again.body.token, againParts, f.third)).status).toBe(400);
    await expectNothingLeft(f.third);
  });
});

describe("the browser client (lib/client/attachments.ts uploadAttachment)", () => {
  /** XMLHttpRequest over fetch, enough for the part PUTs: upload progress, response headers, abort. */
  class FetchXhr {
    static sent = 0;
    upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    private request: { method: string; url: string } = { method: "GET", url: "" };
    private headers: Headers | null = null;
    private readonly controller = new AbortController();
    open(method: string, url: string) {
      this.request = { method, url };
    }
    getResponseHeader(name: string) {
      return this.headers?.get(name) ?? null;
    }
    send(body: Blob) {
      FetchXhr.sent += 1;
      void body
        .arrayBuffer()
        .then((bytes) => {
          this.upload.onprogress?.({ lengthComputable: true, loaded: bytes.byteLength / 2, total: bytes.byteLength });
          return fetch(this.request.url, {
            method: this.request.method,
            body: new Uint8Array(bytes),
            signal: this.controller.signal,
            headers: { origin: ORIGIN },
          });
        })
        .then(
          (response) => {
            [this.status, this.headers] = [response.status, response.headers];
            this.onload?.();
          },
          (error: Error) => (error.name === "AbortError" ? this.onabort?.() : this.onerror?.()),
        );
    }
    abort() {
      this.controller.abort();
    }
  }

  /** The app's routes in-process for same-origin URLs (as the signed-in user), the network for the bucket. */
  const realFetch = globalThis.fetch;
  const appCalls: string[] = [];
  async function appFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = String(input);
    if (!url.startsWith("/")) return realFetch(input, init);
    const method = init?.method ?? "GET";
    appCalls.push(`${method} ${url}`);
    const request = new Request(`${ORIGIN}${url}`, {
      method,
      body: init?.body,
      headers: { origin: ORIGIN, ...(init?.headers as Record<string, string>) },
    });
    const route = url === "/api/attachments" ? attachmentsRoute : url === "/api/attachments/direct" ? directRoute : completeRoute;
    return (route as unknown as Record<string, (r: Request, c: undefined) => Promise<Response>>)[method]!(request, undefined);
  }

  beforeEach(async () => {
    signInAs(f.third);
    vi.stubGlobal("XMLHttpRequest", FetchXhr);
    vi.stubGlobal("fetch", appFetch);
    appCalls.length = 0;
    before = await snapshot(f.third);
  });
  afterAll(() => vi.unstubAllGlobals());

  it("uploads straight to the bucket in parts, progress summed over the parts, and completes", async () => {
    const { uploadAttachment } = await import("@/lib/client/attachments");
    const bytes = Buffer.concat([PDF, randomBytes(2 * PART + 100)]);
    const progress: number[] = [];
    const upload = uploadAttachment(new File([new Uint8Array(bytes)], "client.pdf"), (fraction) => progress.push(fraction));
    const attachment = await upload.done;
    expect(attachment).toMatchObject({ name: "client.pdf", size: bytes.length, kind: "file" });
    expect(appCalls).toEqual(["GET /api/attachments", "POST /api/attachments/direct", "POST /api/attachments/direct/complete"]);
    expect(progress.at(-1)).toBe(1);
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]! || p === 1)).toBe(true);
    const served = await fetchAttachment(attachment.id, f.third);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
    await db.attachment.delete({ where: { id: attachment.id } });
  });

  it("cancel aborts the part requests and the multipart upload: nothing is left", async () => {
    const { uploadAttachment } = await import("@/lib/client/attachments");
    const bytes = Buffer.concat([PDF, randomBytes(6 * PART)]);
    const upload = uploadAttachment(new File([new Uint8Array(bytes)], "cancel.pdf"), () => {});
    // Cancel once the first parts are on their way.
    await vi.waitFor(() => expect(FetchXhr.sent).toBeGreaterThan(0));
    upload.abort();
    await expect(upload.done).rejects.toMatchObject({ code: "aborted" });
    await vi.waitFor(() => expect(appCalls).toContain("DELETE /api/attachments/direct"));
    await vi.waitFor(async () => expect(await s3.openUploads()).toEqual([]));
    await expectNothingLeft(f.third);
  });
});
