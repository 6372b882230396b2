// Attachments (issue 14), in-process on the embedded database with real files in a temporary folder
// and media made by Debian's ffmpeg at test time: sniffing by content for each type, per-type size
// limits, the quota, refusals that leave nothing behind, attaching at send (atomic, ≤ 10), private
// serving (member yes; former member, stranger, anonymous no), Range requests, and cleanup on delete.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-attachments-"));
process.env.PARLEY_DATA_DIR = dataDir;
// Small limits, so oversize files are cheap to make: images 64 KB, videos 512 KB, other 256 KB, quota 2 MB.
process.env.ATTACHMENT_MAX_IMAGE_MB = String(64 / 1024);
process.env.ATTACHMENT_MAX_VIDEO_MB = "0.5";
process.env.ATTACHMENT_MAX_FILE_MB = "0.25";
process.env.UPLOAD_QUOTA_MB = "2";

vi.mock("@/lib/auth/session", async () => (await import("../security/session-mock")).sessionModule);

const { signInAs, sessionModule } = await import("../security/session-mock");
const { makeFixture, makeRequest, newId, unlimitedBudgets } = await import("../security/support");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const { fetchAttachment, filesIn } = await import("../support/attachment-requests");
const { setUserBudgetsForTests } = await import("@/lib/rate-limit/user-budgets");
const { db } = await import("@/lib/db/client");
const attachmentsRoute = await import("@/app/api/attachments/route");
const attachmentRoute = await import("@/app/api/attachments/[id]/route");
const { sendMessage } = await import("@/lib/chat/messages/send");
const { listMessages } = await import("@/lib/chat/messages/history");
const { deleteMessage } = await import("@/lib/chat/message-actions/operations");
const { leaveGroup } = await import("@/lib/chat/members/operations");
const { sweepPendingAttachments, PENDING_GRACE_MS } = await import("@/lib/chat/attachments/operations");
const { parseRange } = await import("@/lib/chat/attachments/serve");

type Who = { id: string; name: string | null; image: string | null };
let f: Awaited<ReturnType<typeof makeFixture>>;
const media: Record<string, Buffer> = {};
const attachDir = path.join(dataDir, "attachments");

function ffmpeg(args: string[], out: string): Buffer {
  const file = path.join(dataDir, out);
  execFileSync("/usr/bin/ffmpeg", ["-v", "error", "-y", ...args, file]);
  return fs.readFileSync(file);
}

beforeAll(async () => {
  setSessionResolverForTests(() => sessionModule.requireSessionUser());
  setUserBudgetsForTests(unlimitedBudgets());
  f = await makeFixture("Att");
  media.png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c00" } })
    .png()
    .toBuffer();
  media.jpg = await sharp({ create: { width: 20, height: 10, channels: 3, background: "#0c0" } })
    .jpeg()
    .toBuffer();
  media.webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#00c" } })
    .webp()
    .toBuffer();
  media.gif = await sharp({ create: { width: 5, height: 6, channels: 3, background: "#ccc" } })
    .gif()
    .toBuffer();
  const video = ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1.5", "-f", "lavfi", "-i", "sine=frequency=440:duration=1.5"];
  media.mp4 = ffmpeg([...video, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"], "v.mp4");
  media.webm = ffmpeg([...video, "-c:v", "libvpx", "-b:v", "100k", "-c:a", "libopus", "-shortest"], "v.webm");
  media.mp3 = ffmpeg(["-f", "lavfi", "-i", "sine=frequency=300:duration=2", "-c:a", "libmp3lame", "-b:a", "32k"], "a.mp3");
  media.ogg = ffmpeg(["-f", "lavfi", "-i", "sine=frequency=300:duration=1", "-c:a", "libopus"], "a.ogg");
  media.voice = ffmpeg(["-f", "lavfi", "-i", "sine=frequency=200:duration=1", "-c:a", "libopus", "-f", "webm"], "voice.webm");
  media.wav = ffmpeg(["-f", "lavfi", "-i", "sine=frequency=300:duration=0.5", "-ar", "8000"], "a.wav");
  media.pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
}, 60_000);

afterAll(async () => {
  setSessionResolverForTests(null);
  setUserBudgetsForTests(null);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await db.$disconnect();
});

async function upload(bytes: Uint8Array | string, name: string, as: Who = f.member, extra = "", headers: Record<string, string> = {}) {
  signInAs(as);
  const body = typeof bytes === "string" ? Buffer.from(bytes) : Buffer.from(bytes);
  const request = new Request(`http://localhost:3000/api/attachments?name=${encodeURIComponent(name)}${extra}`, {
    method: "POST",
    body,
    headers: { origin: "http://localhost:3000", "content-type": "application/octet-stream", ...headers },
  });
  const response = await attachmentsRoute.POST(request, undefined);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { message: string; fields?: { file?: string[] } } },
  };
}

const files = () => filesIn(attachDir);

describe("sniffing by content, per type", () => {
  it.each([
    ["photo.png", "png", "image", "image/png", [40, 30]],
    ["photo.jpg", "jpg", "image", "image/jpeg", [20, 10]],
    ["photo.webp", "webp", "image", "image/webp", [8, 8]],
    ["anim.gif", "gif", "image", "image/gif", [5, 6]],
    ["clip.mp4", "mp4", "video", "video/mp4", [64, 48]],
    ["clip.webm", "webm", "video", "video/webm", [64, 48]],
    ["song.mp3", "mp3", "audio", "audio/mpeg", null],
    ["tone.ogg", "ogg", "audio", "audio/ogg", null],
    ["tone.wav", "wav", "audio", "audio/wav", null],
    ["report.pdf", "pdf", "file", "application/pdf", null],
  ] as const)("%s is %s by its bytes", async (name, key, kind, mime, size) => {
    const { status, body } = await upload(media[key]!, name);
    expect(status, JSON.stringify(body)).toBe(201);
    // Images are re-encoded (their size is what is stored); everything else is kept byte for byte.
    expect(body).toMatchObject({ name, kind, mimeType: mime, size: kind === "image" ? expect.any(Number) : media[key]!.length });
    if (size) expect([body.width, body.height]).toEqual(size);
    if (kind === "video" || kind === "audio") expect(body.durationMs).toBeGreaterThan(400);
    if (key === "mp4") expect(body.durationMs).toBeGreaterThan(1400);
    if (kind === "video") expect(body.posterUrl).toBe(`/api/attachments/${String(body.id)}/poster`);
    if (kind === "audio") expect(typeof body.waveform).toBe("string");
  });

  it("re-encodes images upright without metadata (EXIF and GPS gone) and serves a small thumbnail", async () => {
    const tagged = await sharp({ create: { width: 60, height: 20, channels: 3, background: "#963" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "secret-owner" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await sharp(tagged).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });
    expect(tagged.includes("secret-owner")).toBe(true);
    const { status, body } = await upload(tagged, "tagged.jpg");
    expect(status, JSON.stringify(body)).toBe(201);
    // Orientation 6 (rotate 90°): stored upright, 20 wide and 60 tall.
    expect([body.width, body.height]).toEqual([20, 60]);
    const stored = fs.readFileSync(
      path.join(attachDir, (await db.attachment.findUniqueOrThrow({ where: { id: String(body.id) } })).storageKey),
    );
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual(["jpeg", 20, 60, undefined, undefined]);
    expect(stored.includes("secret-owner")).toBe(false);
    expect(body.size).toBe(stored.length);
    expect(body.posterUrl).toBe(`/api/attachments/${String(body.id)}/poster`);
    const thumbnail = await fetchAttachment(String(body.id), f.member, {}, true);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    expect((await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).format).toBe("webp");
    // A GIF keeps its animation: no still thumbnail stands in for it.
    expect((await upload(media.gif!, "still.gif")).body.posterUrl).toBeNull();
  });

  it("names without a known signature are plain files; a webm voice note is kind voice with a waveform", async () => {
    const text = await upload("hello,world\n", "data.csv");
    expect(text.body).toMatchObject({ kind: "file", mimeType: "application/octet-stream" });
    const voice = await upload(media.voice!, "voice.webm", f.member, "&voice=1");
    expect(voice.status).toBe(201);
    expect(voice.body).toMatchObject({ kind: "voice" });
    expect(Buffer.from(String(voice.body.waveform), "base64")).toHaveLength(64);
    // A video is not a voice note.
    expect((await upload(media.mp4!, "v.webm", f.member, "&voice=1")).status).toBe(415);
  });
});

describe("bad input: a clear 4xx beside the file, nothing left behind", () => {
  it("refuses wrong magic bytes, empty, oversize, executables, traversal names, truncated uploads and a full quota", async () => {
    const before = { rows: await db.attachment.count({ where: { uploaderId: f.third.id } }), files: files().length };
    const cases: [
      string,
      Promise<{ status: number; body: { error?: { message: string; fields?: { file?: string[] } } } }>,
      number,
      RegExp,
    ][] = [
      ["text named .png", upload("just text", "cat.png", f.third), 415, /does not match its \.png name/],
      ["pdf named .mp4", upload(media.pdf!, "clip.mp4", f.third), 415, /it is PDF/],
      ["zero bytes", upload("", "empty.pdf", f.third), 400, /empty/],
      [
        "oversize image",
        upload(Buffer.concat([media.png!, Buffer.alloc(70 * 1024)]), "big.png", f.third),
        413,
        /Images can be at most 64 KB/,
      ],
      ["oversize file", upload(Buffer.alloc(300 * 1024, 1), "big.bin", f.third), 413, /Files can be at most 256 KB/],
      ["renamed Windows program", upload(Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]), "invoice.txt", f.third), 415, /Programs/],
      [
        "renamed ELF program",
        upload(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200)]), "notes.txt", f.third),
        415,
        /Programs/,
      ],
      ["executable name", upload("echo hi", "setup.exe", f.third), 415, /Programs/],
      ["traversal name", upload(media.pdf!, "../../etc/passwd", f.third), 400, /path/],
      ["backslash name", upload(media.pdf!, "..\\boot.ini", f.third), 400, /path/],
      [
        "truncated upload",
        upload(media.pdf!, "cut.pdf", f.third, "", { "content-length": String(media.pdf!.length + 100) }),
        400,
        /cut short/,
      ],
    ];
    for (const [label, call, status, message] of cases) {
      const { status: got, body } = await call;
      expect(got, label).toBe(status);
      expect(body.error?.message, label).toMatch(message);
      expect(body.error?.fields?.file?.[0], label).toBe(body.error?.message);
    }
    expect(await db.attachment.count({ where: { uploaderId: f.third.id } })).toBe(before.rows);
    expect(files().length).toBe(before.files);
    expect(fs.readdirSync(path.join(attachDir, "tmp"))).toEqual([]);
  });

  it("stops at the storage quota, mid-stream, with the usage in the message", async () => {
    const [user] = [f.outsider];
    // 1.9 MB of the 2 MB quota already used.
    await db.attachment.create({
      data: {
        uploaderId: user.id,
        name: "old.bin",
        size: Math.round(1.9 * 1024 * 1024),
        mimeType: "application/octet-stream",
        kind: "file",
        storageKey: crypto.randomUUID(),
      },
    });
    const limits = await (async () => {
      signInAs(user);
      return (await (await attachmentsRoute.GET(makeRequest("GET", "/api/attachments"), undefined)).json()) as Record<string, unknown>;
    })();
    expect(limits).toMatchObject({
      perMessage: 10,
      quotaBytes: 2 * 1024 * 1024,
      maxBytes: { image: 64 * 1024, video: 512 * 1024, file: 256 * 1024 },
    });
    const { status, body } = await upload(Buffer.alloc(200 * 1024, 1), "fits-limit.bin", user);
    expect(status).toBe(413);
    expect(body.error?.message).toMatch(/Your storage is full: your uploads use 1\.9 MB of 2 MB/);
    expect(await db.attachment.count({ where: { uploaderId: user.id } })).toBe(1);
    expect(fs.readdirSync(path.join(attachDir, "tmp"))).toEqual([]);
    await db.attachment.deleteMany({ where: { uploaderId: user.id } });
  });
});

describe("sending, serving and deleting", () => {
  it("attaches up to 10 at send, in order, with a caption; refuses 11, others' uploads and sent ones", async () => {
    const a = await upload(media.pdf!, "a.pdf", f.admin);
    const b = await upload(media.png!, "b.png", f.admin);
    const ids = [String(b.body.id), String(a.body.id)];
    const { message } = await sendMessage(f.admin.id, f.groupId, { id: newId(), body: "two files", attachmentIds: ids });
    expect(message.attachments?.map((x) => x.id)).toEqual(ids);
    expect(message.body).toBe("two files");
    const page = await listMessages(f.member.id, f.groupId);
    expect(page.messages.find((m) => m.id === message.id)?.attachments?.map((x) => x.name)).toEqual(["b.png", "a.pdf"]);

    // Sent already, someone else's, or too many: refused, and the message is not stored.
    const mine = await upload(media.pdf!, "c.pdf", f.member);
    const count = await db.message.count({ where: { conversationId: f.groupId } });
    await expect(sendMessage(f.member.id, f.groupId, { id: newId(), attachmentIds: [ids[0]!] })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(
      sendMessage(f.member.id, f.groupId, { id: newId(), attachmentIds: [String(mine.body.id), ids[1]!] }),
    ).rejects.toMatchObject({
      code: "bad_request",
    });
    const eleven = Array.from({ length: 11 }, () => newId());
    await expect(sendMessage(f.member.id, f.groupId, { id: newId(), attachmentIds: eleven })).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(await db.message.count({ where: { conversationId: f.groupId } })).toBe(count);
    // Still pending: it can go in a later message.
    expect(await db.attachment.findUnique({ where: { id: String(mine.body.id) }, select: { messageId: true } })).toEqual({
      messageId: null,
    });
  });

  it("serves a sent file to members only, privately, with the safe headers; a pending one to its uploader only", async () => {
    const pdf = await upload(media.pdf!, "plan.pdf", f.admin);
    const html = await upload("<html><script>alert(1)</script></html>", "page.html", f.admin);
    const video = await upload(media.mp4!, "clip.mp4", f.admin);
    const [pdfId, htmlId, videoId] = [pdf.body.id, html.body.id, video.body.id].map(String) as [string, string, string];
    expect((await fetchAttachment(pdfId, f.admin)).status).toBe(200);
    expect((await fetchAttachment(pdfId, f.member)).status).toBe(404); // pending: uploader only
    await sendMessage(f.admin.id, f.groupId, { id: newId(), attachmentIds: [pdfId, htmlId, videoId] });

    const served = await fetchAttachment(pdfId, f.member);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(media.pdf);
    expect(served.headers.get("cache-control")).toMatch(/^private/);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toMatch(/sandbox/);
    expect(served.headers.get("content-disposition")).toBe(`attachment; filename="plan.pdf"; filename*=UTF-8''plan.pdf`);
    const page = await fetchAttachment(htmlId, f.member);
    expect(page.headers.get("content-type")).toBe("application/octet-stream");
    expect(page.headers.get("content-disposition")).toMatch(/^attachment/);
    const clip = await fetchAttachment(videoId, f.member);
    expect(clip.headers.get("content-type")).toBe("video/mp4");
    expect(clip.headers.get("content-disposition")).toMatch(/^inline/);
    const poster = await fetchAttachment(videoId, f.member, {}, true);
    expect(poster.status).toBe(200);
    expect(poster.headers.get("content-type")).toBe("image/jpeg");
    expect((await sharp(Buffer.from(await poster.arrayBuffer())).metadata()).width).toBe(64);

    // A stranger and anonymous callers: the 404 of a missing file.
    expect((await fetchAttachment(pdfId, f.outsider)).status).toBe(404);
    expect((await fetchAttachment(pdfId, null)).status).toBe(404);
    expect((await fetchAttachment(videoId, f.outsider, {}, true)).status).toBe(404);
    // A former member loses access at once.
    expect((await fetchAttachment(pdfId, f.third)).status).toBe(200);
    await leaveGroup(f.third.id, f.groupId);
    expect((await fetchAttachment(pdfId, f.third)).status).toBe(404);
  });

  it("answers Range requests for seeking (206, suffix, 416)", async () => {
    const video = await upload(media.mp4!, "seek.mp4", f.admin);
    const id = String(video.body.id);
    await sendMessage(f.admin.id, f.groupId, { id: newId(), attachmentIds: [id] });
    const part = await fetchAttachment(id, f.member, { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${media.mp4!.length}`);
    expect(part.headers.get("content-length")).toBe("100");
    expect(Buffer.from(await part.arrayBuffer())).toEqual(media.mp4!.subarray(100, 200));
    const tail = await fetchAttachment(id, f.member, { range: "bytes=-10" });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(media.mp4!.subarray(media.mp4!.length - 10));
    expect((await fetchAttachment(id, f.member, { range: `bytes=${media.mp4!.length}-` })).status).toBe(416);
    expect(parseRange("bytes=0-", 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=5-100", 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange("bytes=0-1,3-4", 10)).toBeNull();
    // Not a member: no bytes, whatever the range.
    expect((await fetchAttachment(id, f.outsider, { range: "bytes=0-9" })).status).toBe(404);
  });

  it("deletes rows and files on delete for everyone, on cancel, and when abandoned", async () => {
    const video = await upload(media.mp4!, "gone.mp4", f.admin);
    const id = String(video.body.id);
    const { message } = await sendMessage(f.admin.id, f.groupId, { id: newId(), attachmentIds: [id] });
    const row = (await db.attachment.findUnique({ where: { id }, select: { storageKey: true, posterKey: true } }))!;
    expect(fs.existsSync(path.join(attachDir, row.storageKey))).toBe(true);
    expect(fs.existsSync(path.join(attachDir, row.posterKey!))).toBe(true);
    await deleteMessage(f.admin.id, message.id, { scope: "everyone" });
    expect(await db.attachment.count({ where: { id } })).toBe(0);
    expect(fs.existsSync(path.join(attachDir, row.storageKey))).toBe(false);
    expect(fs.existsSync(path.join(attachDir, row.posterKey!))).toBe(false);
    expect((await fetchAttachment(id, f.admin)).status).toBe(404);

    // Cancel in the composer: my pending upload only.
    const pending = await upload(media.pdf!, "cancel.pdf", f.admin);
    signInAs(f.member);
    const params = { params: Promise.resolve({ id: String(pending.body.id) }) };
    expect((await attachmentRoute.DELETE(makeRequest("DELETE", `/api/attachments/${String(pending.body.id)}`), params)).status).toBe(404);
    signInAs(f.admin);
    expect((await attachmentRoute.DELETE(makeRequest("DELETE", `/api/attachments/${String(pending.body.id)}`), params)).status).toBe(204);
    expect(await db.attachment.count({ where: { id: String(pending.body.id) } })).toBe(0);

    // Abandoned: swept after the grace period, sent ones never.
    const abandoned = await upload(media.pdf!, "abandoned.pdf", f.admin);
    const key = (await db.attachment.findUnique({ where: { id: String(abandoned.body.id) }, select: { storageKey: true } }))!.storageKey;
    await sweepPendingAttachments({ now: new Date(Date.now() + PENDING_GRACE_MS + 60_000), dir: attachDir });
    expect(await db.attachment.count({ where: { id: String(abandoned.body.id) } })).toBe(0);
    expect(fs.existsSync(path.join(attachDir, key))).toBe(false);
    expect(await db.attachment.count({ where: { conversationId: f.groupId } })).toBeGreaterThan(0);
  });
});

describe("the media gallery", () => {
  it("lists a chat's media, files and voice notes newest first, keyset-paginated, for members only", async () => {
    const { listGallery } = await import("@/lib/chat/attachments/gallery");
    const { startDirectConversation } = await import("@/lib/chat/conversations/operations");
    const { conversation } = await startDirectConversation(f.admin.id, f.member.id);
    const sent: string[] = [];
    for (const [bytes, name, extra] of [
      [media.png!, "one.png", ""],
      [media.pdf!, "doc.pdf", ""],
      [media.webm!, "two.webm", ""],
      [media.voice!, "note.webm", "&voice=1"],
      [media.jpg!, "three.jpg", ""],
    ] as const) {
      const up = await upload(bytes, name, f.admin, extra);
      await sendMessage(f.admin.id, conversation.id, { id: newId(), attachmentIds: [String(up.body.id)] });
      sent.push(name);
    }
    const first = await listGallery(f.member.id, conversation.id, { tab: "media", limit: 2 });
    expect(first.items.map((i) => i.name)).toEqual(["three.jpg", "two.webm"]);
    const second = await listGallery(f.member.id, conversation.id, { tab: "media", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.name)).toEqual(["one.png"]);
    expect(second.nextCursor).toBeNull();
    expect((await listGallery(f.member.id, conversation.id, { tab: "files" })).items.map((i) => i.name)).toEqual(["doc.pdf"]);
    expect((await listGallery(f.member.id, conversation.id, { tab: "voice" })).items.map((i) => i.kind)).toEqual(["voice"]);
    await expect(listGallery(f.outsider.id, conversation.id, {})).rejects.toMatchObject({ code: "not_found" });
    await expect(listGallery(f.member.id, conversation.id, { tab: "links" })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("forwarding", () => {
  it("gives each forwarded copy its own files, owned by the forwarder, that outlive the original", async () => {
    const { forwardMessage } = await import("@/lib/chat/message-actions/operations");
    const { startDirectConversation } = await import("@/lib/chat/conversations/operations");
    const { readAttachment } = await import("@/lib/chat/attachments/access");
    const pdf = await upload(media.pdf!, "fwd.pdf", f.admin);
    const clip = await upload(media.mp4!, "fwd.mp4", f.admin);
    const original = await sendMessage(f.admin.id, f.groupId, {
      id: newId(),
      body: "forward me",
      attachmentIds: [String(pdf.body.id), String(clip.body.id)],
    });
    const { conversation } = await startDirectConversation(f.member.id, f.third.id);
    const { messages } = await forwardMessage(f.member.id, original.message.id, { conversationIds: [conversation.id] });
    const copy = messages[0]!;
    expect(copy.forwarded).toBe(true);
    expect(copy.attachments!.map((a) => [a.name, a.kind, a.size])).toEqual([
      ["fwd.pdf", "file", media.pdf!.length],
      ["fwd.mp4", "video", media.mp4!.length],
    ]);
    expect(copy.attachments!.map((a) => a.id)).not.toContain(String(pdf.body.id));
    expect(copy.attachments![1]!.posterUrl).not.toBeNull();
    const rows = await db.attachment.findMany({ where: { messageId: copy.id }, select: { uploaderId: true, conversationId: true } });
    expect(rows).toEqual([
      { uploaderId: f.member.id, conversationId: conversation.id },
      { uploaderId: f.member.id, conversationId: conversation.id },
    ]);
    // The original deleted for everyone: its files go, the copies stay readable, byte for byte.
    await deleteMessage(f.admin.id, original.message.id, { scope: "everyone" });
    const pdfCopy = await readAttachment(f.third.id, copy.attachments![0]!.id);
    expect(fs.readFileSync(path.join(attachDir, pdfCopy.key))).toEqual(media.pdf);
    expect(fs.existsSync(path.join(attachDir, (await readAttachment(f.third.id, copy.attachments![1]!.id, "poster")).key))).toBe(true);
    // The copies are the forwarder's: the recipient of the original who is not in the new chat cannot read them.
    await expect(readAttachment(f.admin.id, copy.attachments![0]!.id)).rejects.toMatchObject({ code: "not_found" });

    // A send refused after the copies were made (the other person blocked me) leaves no copy behind.
    const { setBlocked } = await import("@/lib/chat/blocks/operations");
    await setBlocked(f.third.id, { userId: f.member.id, blocked: true });
    const again = await sendMessage(f.admin.id, f.groupId, {
      id: newId(),
      attachmentIds: [String((await upload(media.pdf!, "again.pdf", f.admin)).body.id)],
    });
    const mine = await db.attachment.count({ where: { uploaderId: f.member.id } });
    const files = fs.readdirSync(attachDir).length;
    await expect(forwardMessage(f.member.id, again.message.id, { conversationIds: [conversation.id] })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await db.attachment.count({ where: { uploaderId: f.member.id } })).toBe(mine);
    expect(fs.readdirSync(attachDir)).toHaveLength(files);
    await setBlocked(f.third.id, { userId: f.member.id, blocked: false });
  });

  it("refuses a forward over the quota and leaves no copy behind", async () => {
    const { forwardMessage } = await import("@/lib/chat/message-actions/operations");
    const big = await upload(Buffer.concat([media.pdf!, Buffer.alloc(200 * 1024)]), "big.pdf", f.admin);
    const original = await sendMessage(f.admin.id, f.groupId, { id: newId(), attachmentIds: [String(big.body.id)] });
    await db.attachment.updateMany({ where: { id: String(big.body.id) }, data: { size: 3 * 1024 * 1024 } }); // > the 2 MB quota
    const before = await db.attachment.count({ where: { uploaderId: f.member.id } });
    const files = fs.readdirSync(attachDir).length;
    await expect(forwardMessage(f.member.id, original.message.id, { conversationIds: [f.groupId] })).rejects.toMatchObject({
      code: "payload_too_large",
    });
    expect(await db.attachment.count({ where: { uploaderId: f.member.id } })).toBe(before);
    expect(fs.readdirSync(attachDir)).toHaveLength(files);
    await deleteMessage(f.admin.id, original.message.id, { scope: "everyone" }); // the admin's quota back
  });
});

describe("played state of voice notes", () => {
  it("records each listener's first play once, tells the chat, and shows it in the message", async () => {
    const { markVoicePlayed } = await import("@/lib/chat/attachments/plays");
    const voice = await upload(media.voice!, "note.webm", f.admin, "&voice=1");
    const noteId = String(voice.body.id);
    const sent = await sendMessage(f.admin.id, f.groupId, { id: newId(), attachmentIds: [noteId] });
    expect(sent.message.attachments![0]!.playedBy).toEqual([]);

    const first = await markVoicePlayed.run(f.member.id, noteId);
    expect(first.result).toEqual({ played: true });
    expect(first.events.map((e) => [e.event, e.payload])).toEqual([
      ["attachment:played", { conversationId: f.groupId, messageId: sent.message.id, attachmentId: noteId, userId: f.member.id }],
    ]);
    // A replay (or another tab) records nothing more and tells nobody again.
    expect((await markVoicePlayed.run(f.member.id, noteId)).events).toEqual([]);
    // The sender's own plays are not "played".
    expect(await markVoicePlayed(f.admin.id, noteId)).toEqual({ played: false });
    expect(await db.attachmentPlay.count({ where: { attachmentId: noteId } })).toBe(1);

    const page = await listMessages(f.admin.id, f.groupId);
    const note = page.messages.find((m) => m.id === sent.message.id)!.attachments![0]!;
    expect(note.playedBy).toEqual([f.member.id]);
    // Other kinds carry no played state; a stranger learns nothing; a file is not "played".
    const pdf = await upload(media.pdf!, "played.pdf", f.admin);
    await sendMessage(f.admin.id, f.groupId, { id: newId(), attachmentIds: [String(pdf.body.id)] });
    expect((await listMessages(f.admin.id, f.groupId)).messages[0]!.attachments![0]!.playedBy).toBeUndefined();
    await expect(markVoicePlayed(f.member.id, String(pdf.body.id))).rejects.toMatchObject({ code: "bad_request" });
    await expect(markVoicePlayed(f.outsider.id, noteId)).rejects.toMatchObject({ code: "not_found" });
    await expect(markVoicePlayed(f.member.id, "not-an-id")).rejects.toMatchObject({ code: "not_found" });
    // Deleting the message for everyone takes its plays with it.
    await deleteMessage(f.admin.id, sent.message.id, { scope: "everyone" });
    expect(await db.attachmentPlay.count({ where: { attachmentId: noteId } })).toBe(0);
    await expect(markVoicePlayed(f.member.id, noteId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("media tools", () => {
  it("reports missing ffprobe/ffmpeg clearly at start-up, and nothing when present", async () => {
    const { reportMediaTools } = await import("@/lib/chat/attachments/media-tools");
    const lines: string[] = [];
    reportMediaTools((line) => lines.push(line));
    expect(lines).toEqual([]);
    process.env.FFPROBE_PATH = "/nonexistent/ffprobe";
    try {
      reportMediaTools((line) => lines.push(line));
    } finally {
      delete process.env.FFPROBE_PATH;
    }
    expect(lines).toEqual([expect.stringMatching(/\/nonexistent\/ffprobe not found: audio\/video durations and video posters are off/)]);
  });
});
