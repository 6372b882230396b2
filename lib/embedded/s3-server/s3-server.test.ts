// The embedded S3 server against the app's own S3 client (lib/storage/s3-objects.ts) and plain
// fetch with presigned URLs, as a browser would: signatures verified (a wrong one, an expired
// presign, a tampered payload → 403/400), Range, multipart with ETag and order checks, CORS.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Objects } from "@/lib/storage/s3-objects";
import { S3Storage, s3Presign, type S3Config } from "@/lib/storage/s3";
import { sha256Hex, signV4 } from "@/lib/storage/sigv4";
import { startS3Server, type S3Server } from "./s3-server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-s3-server-"));
let server: S3Server;
let config: S3Config;
let s3: S3Objects;
const ORIGIN = "http://localhost:3000";

beforeAll(async () => {
  server = await startS3Server({
    dir,
    bucket: "parley",
    accessKeyId: "test-key",
    secretAccessKey: "test-secret",
    corsOrigins: [ORIGIN],
    minPartSize: 4,
  });
  config = { bucket: "parley", region: "us-east-1", accessKeyId: "test-key", secretAccessKey: "test-secret", endpoint: server.url };
  s3 = new S3Objects(config);
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe("objects", () => {
  it("streams a file in, reads ranges (206), heads, copies and deletes", async () => {
    const file = path.join(dir, "in.txt");
    fs.writeFileSync(file, "hello, bucket");
    await s3.putFile("a/one", file, 13, "text/plain");
    expect(await s3.head("a/one")).toMatchObject({ size: 13 });
    expect(await readAll((await s3.read("a/one", 7, 12))!)).toBe("bucket");
    await s3.copy("a/one", "a/two");
    expect(await readAll((await s3.read("a/two", 0, 4))!)).toBe("hello");
    await s3.delete("a/one");
    await s3.delete("a/two");
    expect(await s3.head("a/one")).toBeNull();
    expect(await s3.read("a/one", 0, 1)).toBeNull();
    expect(await server.keys()).toEqual([]);
  });

  it("stores, serves and deletes images for S3Storage (what message images and avatars use)", async () => {
    const storage = new S3Storage({ ...config, forcePathStyle: true });
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    await storage.put("u/abc.png", bytes, "image/png");
    expect(Buffer.from((await storage.get("u/abc.png"))!.bytes)).toEqual(Buffer.from(bytes));
    await storage.delete("u/abc.png");
    expect(await storage.get("u/abc.png")).toBeNull();
    const before = server.refused;
    await expect(new S3Storage({ ...config, secretAccessKey: "nope" }).put("u/x.png", bytes, "image/png")).rejects.toThrow(/403/);
    expect(server.refused).toBe(before + 1);
  });

  it("refuses an unsigned request, a wrong secret and a payload that does not match its hash", async () => {
    expect((await fetch(`${server.url}/parley/x`)).status).toBe(403);
    const wrong = new S3Objects({ ...config, secretAccessKey: "nope" });
    await expect(wrong.createMultipart("x")).rejects.toThrow(/403 SignatureDoesNotMatch/);
    await expect(wrong.delete("x")).rejects.toThrow(/403/);
    const url = new URL(`${server.url}/parley/x`);
    const signed = signV4({ method: "PUT", url, headers: {}, payloadHash: sha256Hex("signed"), ...config, date: new Date() });
    const tampered = await fetch(url, { method: "PUT", headers: signed, body: "sent" });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("XAmzContentSHA256Mismatch");
    expect(await server.keys()).toEqual([]);
    const response = await fetch(
      s3Presign(config, "GET", "x", {}, 60).replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${"0".repeat(64)}`),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("SignatureDoesNotMatch");
  });

  it("refuses an expired presigned URL and a tampered one", async () => {
    const old = s3Presign(config, "GET", "y", {}, 60, new Date(Date.now() - 61_000));
    const expired = await fetch(old);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("expired");
    const fresh = s3Presign(config, "PUT", "y", {}, 60);
    expect((await fetch(fresh.replace("/y?", "/z?"), { method: "PUT", body: "x" })).status).toBe(403);
    expect((await fetch(fresh, { method: "PUT", body: "ok" })).status).toBe(200);
    await s3.delete("y");
  });
});

describe("multipart", () => {
  it("completes presigned parts PUT by fetch, checks ETags and order, and aborts", async () => {
    const uploadId = await s3.createMultipart("big");
    const etags: string[] = [];
    for (const [i, body] of ["aaaa", "bbbb", "cc"].entries()) {
      const response = await fetch(s3.presignPart("big", uploadId, i + 1, 60), { method: "PUT", body, headers: { origin: ORIGIN } });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
      expect(response.headers.get("access-control-expose-headers")).toBe("ETag");
      etags.push(response.headers.get("etag")!);
    }
    await expect(s3.completeMultipart("big", uploadId, [{ partNumber: 1, etag: '"bad"' }])).rejects.toThrow(/InvalidPart/);
    await expect(
      s3.completeMultipart("big", uploadId, [
        { partNumber: 2, etag: etags[1]! },
        { partNumber: 1, etag: etags[0]! },
      ]),
    ).rejects.toThrow(/InvalidPartOrder/);
    await s3.completeMultipart(
      "big",
      uploadId,
      etags.map((etag, i) => ({ partNumber: i + 1, etag })),
    );
    expect(await readAll((await s3.read("big", 0, 9))!)).toBe("aaaabbbbcc");
    expect((await s3.head("big"))!.etag).toMatch(/-3"$/);
    expect(await server.openUploads()).toEqual([]);

    const other = await s3.createMultipart("gone");
    expect(await server.openUploads()).toHaveLength(1);
    await s3.abortMultipart("gone", other);
    expect(await server.openUploads()).toEqual([]);
    expect((await fetch(s3.presignPart("gone", other, 1, 60), { method: "PUT", body: "x" })).status).toBe(404);
    await s3.delete("big");
  });

  it("streams a file larger than a part as a multipart upload", async () => {
    const file = path.join(dir, "large.bin");
    const bytes = Buffer.alloc(9 * 1024 * 1024, 7);
    bytes.write("tail", bytes.length - 4);
    fs.writeFileSync(file, bytes);
    await s3.putFile("large", file, bytes.length);
    expect((await s3.head("large"))!.etag).toMatch(/-2"$/);
    expect(await readAll((await s3.read("large", bytes.length - 4, bytes.length - 1))!)).toBe("tail");
    await s3.delete("large");
  });
});

describe("CORS", () => {
  it("answers preflights for the configured origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/parley/k?partNumber=1&uploadId=x`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" },
      });
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-methods")).toContain("PUT");
    expect((await preflight("https://evil.example")).status).toBe(403);
  });
});
