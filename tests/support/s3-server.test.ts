// The test S3 server (what `npm run test:scale` stores uploads in) speaks enough S3 for S3Storage
// and refuses what real S3 refuses: a wrong secret, a body that is not the one signed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage, signV4 } from "@/lib/storage/s3";
import { startS3TestServer, type S3TestServer } from "./s3-server";

let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3TestServer();
});
afterAll(() => s3.close());

const storageWith = (secretAccessKey: string) =>
  new S3Storage({
    bucket: s3.bucket,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey,
    endpoint: s3.endpoint,
    forcePathStyle: true,
  });

describe("S3-compatible test server", () => {
  it("stores, serves and deletes objects for S3Storage", async () => {
    const storage = storageWith(s3.secretAccessKey);
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    await storage.put("u/abc.png", bytes, "image/png");
    expect(s3.objects.get("u/abc.png")?.contentType).toBe("image/png");
    const stored = await storage.get("u/abc.png");
    expect(Buffer.from(stored!.bytes)).toEqual(Buffer.from(bytes));
    await storage.delete("u/abc.png");
    expect(await storage.get("u/abc.png")).toBeNull();
  });

  it("refuses a request signed with another secret", async () => {
    const before = s3.refused;
    await expect(storageWith("not-the-secret").put("u/x.png", new Uint8Array([1]), "image/png")).rejects.toThrow(/403/);
    expect(s3.refused).toBe(before + 1);
  });

  it("refuses a body other than the one signed", async () => {
    const url = new URL(`${s3.endpoint}/${s3.bucket}/u/y.png`);
    const signed = signV4({
      method: "PUT",
      url,
      headers: { "content-type": "image/png" },
      payloadHash: "0".repeat(64),
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      region: s3.region,
      date: new Date(),
    });
    const response = await fetch(url, { method: "PUT", headers: signed, body: Buffer.from([1, 2]) });
    expect(response.status).toBe(403);
    expect(s3.objects.has("u/y.png")).toBe(false);
  });
});
