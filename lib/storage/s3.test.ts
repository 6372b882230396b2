// SigV4 against AWS's published example, and the S3 storage round trip against a fake bucket.
import { describe, expect, it } from "vitest";
import { S3Storage, s3ConfigFromEnv, signV4 } from "./s3";

describe("signV4", () => {
  it("matches AWS's documented example (GET Object with Range)", () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html — "Example: GET Object"
    const headers = signV4({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { range: "bytes=0-9" },
      payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      region: "us-east-1",
      date: new Date("2013-05-24T00:00:00Z"),
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });
});

describe("S3Storage", () => {
  it("puts, gets and deletes through signed requests; the type comes from the key", async () => {
    const bucket = new Map<string, Uint8Array>();
    const calls: string[] = [];
    const fakeFetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
      const url = new URL(String(input));
      const headers = init?.headers as Record<string, string>;
      expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=key\//);
      calls.push(`${init?.method} ${url.pathname}`);
      if (init?.method === "PUT") {
        bucket.set(url.pathname, new Uint8Array(init.body as Buffer));
        return new Response(null, { status: 200 });
      }
      if (init?.method === "DELETE") {
        bucket.delete(url.pathname);
        return new Response(null, { status: 204 });
      }
      const stored = bucket.get(url.pathname);
      return stored ? new Response(Buffer.from(stored), { headers: { "content-type": "text/html" } }) : new Response("", { status: 404 });
    }) as typeof fetch;
    const storage = new S3Storage(
      { bucket: "parley", region: "auto", accessKeyId: "key", secretAccessKey: "secret", endpoint: "http://127.0.0.1:9000" },
      fakeFetch,
    );
    await storage.put("msg-abc.png", new Uint8Array([1, 2, 3]), "image/png");
    const object = await storage.get("msg-abc.png");
    expect(object?.contentType).toBe("image/png");
    expect([...object!.bytes]).toEqual([1, 2, 3]);
    expect(storage.url("msg-abc.png")).toBe("/api/uploads/msg-abc.png");
    await storage.delete("msg-abc.png");
    expect(await storage.get("msg-abc.png")).toBeNull();
    expect(await storage.get("../etc/passwd")).toBeNull();
    await expect(storage.put("msg-abc.png", new Uint8Array([1]), "text/html")).rejects.toThrow(/content type/);
    expect(calls).toEqual(["PUT /parley/msg-abc.png", "GET /parley/msg-abc.png", "DELETE /parley/msg-abc.png", "GET /parley/msg-abc.png"]);
  });

  it("reads its configuration from the environment and names what is missing", () => {
    expect(s3ConfigFromEnv({})).toBeNull();
    expect(() => s3ConfigFromEnv({ S3_BUCKET: "b" })).toThrow(/S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/);
    expect(s3ConfigFromEnv({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s", S3_REGION: "eu-west-1" })).toEqual({
      bucket: "b",
      accessKeyId: "k",
      secretAccessKey: "s",
      region: "eu-west-1",
    });
  });
});
