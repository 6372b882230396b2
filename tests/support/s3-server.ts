// A small S3-compatible object server for tests (no MinIO offline): PUT, GET, HEAD and DELETE of
// objects held in memory, path-style (`/<bucket>/<key>`), each request's AWS Signature Version 4
// checked by recomputing it with the project's signer (lib/storage/s3.ts signV4) from the headers
// the request says it signed, its x-amz-date and the SHA-256 of the body actually received.
// Enough for Parley's S3Storage; not a general S3 (no listing, multipart, presigned URLs).
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { signV4 } from "@/lib/storage/s3";

export interface S3TestServer {
  endpoint: string;
  port: number;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Objects by key (without the bucket). */
  objects: Map<string, { bytes: Buffer; contentType: string }>;
  /** Requests refused for a bad or missing signature. */
  refused: number;
  close(): Promise<void>;
}

const MAX_SKEW_MS = 15 * 60_000; // S3's RequestTimeTooSkewed window

function xmlError(response: http.ServerResponse, status: number, code: string, message: string) {
  response.writeHead(status, { "content-type": "application/xml" });
  response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

function parseAmzDate(value: string | undefined): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

export async function startS3TestServer(
  options: { port?: number; bucket?: string; accessKeyId?: string; secretAccessKey?: string; region?: string } = {},
): Promise<S3TestServer> {
  const bucket = options.bucket ?? "parley-test";
  const accessKeyId = options.accessKeyId ?? "TESTACCESSKEY";
  const secretAccessKey = options.secretAccessKey ?? "test-secret-access-key";
  const region = options.region ?? "us-east-1";
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const state = { refused: 0 };

  /** The request's signature is the one signV4 computes for what it received; else a reason. */
  function verify(request: http.IncomingMessage, body: Buffer): string | null {
    const authorization = request.headers.authorization ?? "";
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        authorization,
      );
    if (!match) return "missing or malformed Authorization";
    const [, key, day, signedRegion, signedHeaders] = match;
    if (key !== accessKeyId) return "unknown access key";
    if (signedRegion !== region) return "wrong region";
    const date = parseAmzDate(request.headers["x-amz-date"] as string | undefined);
    if (!date || date.toISOString().slice(0, 10).replace(/-/g, "") !== day) return "bad x-amz-date";
    if (Math.abs(Date.now() - date.getTime()) > MAX_SKEW_MS) return "request time too skewed";
    const payloadHash = createHash("sha256").update(body).digest("hex");
    if (request.headers["x-amz-content-sha256"] !== payloadHash) return "x-amz-content-sha256 does not match the body";
    const headers: Record<string, string> = {};
    for (const name of signedHeaders!.split(";")) {
      if (name === "host" || name === "x-amz-date" || name === "x-amz-content-sha256") continue; // signV4 adds these
      const value = request.headers[name];
      if (typeof value !== "string") return `signed header ${name} missing`;
      headers[name] = value;
    }
    const url = new URL(request.url ?? "/", `http://${request.headers.host}`);
    const expected = signV4({ method: request.method ?? "GET", url, headers, payloadHash, accessKeyId, secretAccessKey, region, date });
    const a = Buffer.from(expected.authorization ?? "");
    const b = Buffer.from(authorization);
    return a.length === b.length && timingSafeEqual(a, b) ? null : "signature does not match";
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const refusal = verify(request, body);
      if (refusal) {
        state.refused += 1;
        return xmlError(response, 403, "SignatureDoesNotMatch", refusal);
      }
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      const prefix = `/${bucket}/`;
      if (!path.startsWith(prefix) || path.length === prefix.length) return xmlError(response, 404, "NoSuchBucket", "unknown bucket");
      const key = path.slice(prefix.length);
      const object = objects.get(key);
      switch (request.method) {
        case "PUT":
          objects.set(key, { bytes: body, contentType: request.headers["content-type"] ?? "application/octet-stream" });
          response.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
          return response.end();
        case "GET":
        case "HEAD":
          if (!object) return xmlError(response, 404, "NoSuchKey", "no such key");
          response.writeHead(200, { "content-type": object.contentType, "content-length": object.bytes.length });
          return response.end(request.method === "GET" ? object.bytes : undefined);
        case "DELETE":
          objects.delete(key);
          response.writeHead(204);
          return response.end();
        default:
          return xmlError(response, 405, "MethodNotAllowed", `${request.method} is not supported`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    bucket,
    accessKeyId,
    secretAccessKey,
    region,
    objects,
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
