// A small S3-protocol server for tests and local runs: one bucket, objects in a folder, path-style
// URLs, and the operations Parley uses — PutObject, CopyObject, GetObject (Range → 206), HeadObject,
// DeleteObject, CreateMultipartUpload, UploadPart, CompleteMultipartUpload (ETags and order checked),
// AbortMultipartUpload. Every request must carry a valid AWS Signature V4, as an Authorization header
// (the payload hash checked unless UNSIGNED-PAYLOAD) or as a presigned query (X-Amz-Expires
// enforced); CORS preflights are answered for the configured origins so a browser can PUT parts.
// It verifies with the signer's own canonicalization (lib/storage/sigv4.ts).
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { canonicalRequest, sha256Hex, signatureOf, UNSIGNED_PAYLOAD } from "../../storage/sigv4";

export interface S3ServerOptions {
  dir: string;
  /** Default: any free port (on 127.0.0.1). */
  port?: number;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  /** Origins allowed by the bucket's CORS rule (browser PUTs of presigned parts). */
  corsOrigins?: string[];
  /** Smallest part but the last (S3: 5 MiB). */
  minPartSize?: number;
  /** Allowed clock skew of header-signed requests, ms (S3: 15 minutes). */
  maxSkewMs?: number;
  now?: () => Date;
}

export interface S3Server {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Object keys in the bucket (tests). */
  keys(): Promise<string[]>;
  /** Multipart uploads begun and neither completed nor aborted (tests). */
  openUploads(): Promise<string[]>;
  /** Requests refused for a missing, bad or expired signature. */
  readonly refused: number;
}

class S3Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message = code,
  ) {
    super(message);
  }
}

const xmlEscape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fileOf = (key: string) => Buffer.from(key, "utf8").toString("base64url");
const keyOf = (file: string) => Buffer.from(file, "base64url").toString("utf8");

function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : null;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  const region = options.region ?? "us-east-1";
  const minPart = options.minPartSize ?? 5 * 1024 * 1024;
  const maxSkew = options.maxSkewMs ?? 15 * 60_000;
  const now = options.now ?? (() => new Date());
  const objects = path.join(options.dir, "objects");
  const uploads = path.join(options.dir, "uploads");
  const tmp = path.join(options.dir, "tmp");
  await Promise.all([objects, uploads, tmp].map((d) => fs.mkdir(d, { recursive: true })));

  /** Checks the signature; returns the payload hash the body must match (or UNSIGNED-PAYLOAD). */
  function authenticate(request: IncomingMessage, url: URL): string {
    const header = request.headers.authorization;
    const presigned = url.searchParams.get("X-Amz-Algorithm");
    let credential: string;
    let signedNames: string[];
    let signature: string;
    let date: string;
    let payloadHash: string;
    if (header) {
      const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header);
      if (!m) throw new S3Failure(400, "AuthorizationHeaderMalformed");
      [credential, signedNames, signature] = [m[1]!, m[2]!.split(";"), m[3]!];
      date = String(request.headers["x-amz-date"] ?? "");
      payloadHash = String(request.headers["x-amz-content-sha256"] ?? "");
      if (!payloadHash) throw new S3Failure(400, "InvalidRequest", "x-amz-content-sha256 missing");
      const at = parseAmzDate(date);
      if (!at || Math.abs(now().getTime() - at.getTime()) > maxSkew) throw new S3Failure(403, "RequestTimeTooSkewed");
    } else if (presigned) {
      if (presigned !== "AWS4-HMAC-SHA256") throw new S3Failure(400, "AuthorizationQueryParametersError");
      credential = url.searchParams.get("X-Amz-Credential") ?? "";
      signedNames = (url.searchParams.get("X-Amz-SignedHeaders") ?? "").split(";");
      signature = url.searchParams.get("X-Amz-Signature") ?? "";
      date = url.searchParams.get("X-Amz-Date") ?? "";
      payloadHash = UNSIGNED_PAYLOAD;
      const expires = Number(url.searchParams.get("X-Amz-Expires"));
      const at = parseAmzDate(date);
      if (!at || !Number.isInteger(expires) || expires < 1 || expires > 604800)
        throw new S3Failure(400, "AuthorizationQueryParametersError");
      if (now().getTime() > at.getTime() + expires * 1000) throw new S3Failure(403, "AccessDenied", "Request has expired");
      if (at.getTime() - now().getTime() > maxSkew) throw new S3Failure(403, "AccessDenied", "Request is not valid yet");
    } else {
      throw new S3Failure(403, "AccessDenied", "Anonymous access is forbidden");
    }
    const [accessKeyId, day, scopeRegion, service, terminator] = credential.split("/");
    if (accessKeyId !== options.accessKeyId) throw new S3Failure(403, "InvalidAccessKeyId");
    if (day !== date.slice(0, 8) || scopeRegion !== region || service !== "s3" || terminator !== "aws4_request") {
      throw new S3Failure(403, "SignatureDoesNotMatch", "bad credential scope");
    }
    if (!signedNames.includes("host")) throw new S3Failure(403, "SignatureDoesNotMatch", "host must be signed");
    const headers: Record<string, string> = {};
    for (const name of signedNames) {
      const value = request.headers[name];
      if (value === undefined) throw new S3Failure(403, "SignatureDoesNotMatch", `signed header ${name} missing`);
      headers[name] = Array.isArray(value) ? value.join(",") : value;
    }
    const { canonical } = canonicalRequest({
      method: request.method ?? "GET",
      url,
      headers,
      payloadHash,
      skipQuery: header ? undefined : "X-Amz-Signature",
    });
    if (!same(signatureOf(canonical, date, options.secretAccessKey, region), signature)) throw new S3Failure(403, "SignatureDoesNotMatch");
    return payloadHash;
  }

  /** Streams the body to a temporary file, checking the signed payload hash; returns it with its MD5 and size. */
  async function receive(request: IncomingMessage, payloadHash: string): Promise<{ file: string; md5: string; size: number }> {
    const file = path.join(tmp, randomUUID());
    const md5 = createHash("md5");
    const sha = createHash("sha256");
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _e, done) {
        md5.update(chunk);
        sha.update(chunk);
        size += chunk.byteLength;
        done(null, chunk);
      },
    });
    await pipeline(request, tap, createWriteStream(file));
    const declared = request.headers["content-length"];
    if (declared !== undefined && Number(declared) !== size) {
      await fs.rm(file, { force: true });
      throw new S3Failure(400, "IncompleteBody");
    }
    if (payloadHash !== UNSIGNED_PAYLOAD && payloadHash !== sha.digest("hex")) {
      await fs.rm(file, { force: true });
      throw new S3Failure(400, "XAmzContentSHA256Mismatch");
    }
    return { file, md5: md5.digest("hex"), size };
  }

  async function readBody(request: IncomingMessage, payloadHash: string): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (payloadHash !== UNSIGNED_PAYLOAD && payloadHash !== sha256Hex(body)) throw new S3Failure(400, "XAmzContentSHA256Mismatch");
    return body.toString("utf8");
  }

  const metaFile = (key: string) => path.join(objects, `${fileOf(key)}.json`);
  const dataFile = (key: string) => path.join(objects, fileOf(key));
  async function meta(key: string): Promise<{ etag: string; size: number; contentType: string } | null> {
    return fs
      .readFile(metaFile(key), "utf8")
      .then((t) => JSON.parse(t) as { etag: string; size: number; contentType: string })
      .catch(() => null);
  }
  async function store(key: string, file: string, etag: string, size: number, contentType: string): Promise<void> {
    await fs.rename(file, dataFile(key));
    await fs.writeFile(metaFile(key), JSON.stringify({ etag, size, contentType }));
  }
  const uploadDir = (uploadId: string) => {
    if (!/^[a-f0-9-]{36}$/.test(uploadId)) throw new S3Failure(404, "NoSuchUpload");
    return path.join(uploads, uploadId);
  };
  async function uploadOf(uploadId: string, key: string): Promise<string> {
    const dir = uploadDir(uploadId);
    const owner = await fs.readFile(path.join(dir, "key"), "utf8").catch(() => null);
    if (owner !== key) throw new S3Failure(404, "NoSuchUpload");
    return dir;
  }

  async function handle(request: IncomingMessage, response: ServerResponse, cors: Record<string, string>): Promise<void> {
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
    const method = request.method ?? "GET";
    const [, bucket, ...rest] = url.pathname.split("/");
    const key = rest.map((s) => decodeURIComponent(s)).join("/");
    const payloadHash = authenticate(request, url);
    if (bucket !== options.bucket) throw new S3Failure(404, "NoSuchBucket");
    if (!key) throw new S3Failure(400, "InvalidRequest", "bucket operations are not supported");
    const q = url.searchParams;
    const uploadId = q.get("uploadId");
    const reply = (status: number, headers: Record<string, string> = {}, body?: string) => {
      response.writeHead(status, { ...cors, ...headers, ...(body ? { "content-type": "application/xml" } : {}) });
      response.end(body);
    };

    if (method === "POST" && q.has("uploads")) {
      const id = randomUUID();
      await fs.mkdir(uploadDir(id), { recursive: true });
      await fs.writeFile(path.join(uploadDir(id), "key"), key);
      return reply(
        200,
        {},
        `<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (method === "PUT" && uploadId) {
      const dir = await uploadOf(uploadId, key);
      const partNumber = Number(q.get("partNumber"));
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000)
        throw new S3Failure(400, "InvalidArgument", "bad partNumber");
      const { file, md5, size } = await receive(request, payloadHash);
      await fs.rename(file, path.join(dir, String(partNumber)));
      await fs.writeFile(path.join(dir, `${partNumber}.json`), JSON.stringify({ etag: `"${md5}"`, size, md5 }));
      return reply(200, { etag: `"${md5}"` });
    }
    if (method === "POST" && uploadId) {
      const dir = await uploadOf(uploadId, key);
      const xml = await readBody(request, payloadHash);
      const parts = [...xml.matchAll(/<Part>\s*<PartNumber>(\d+)<\/PartNumber>\s*<ETag>([^<]+)<\/ETag>\s*<\/Part>/g)].map((m) => ({
        partNumber: Number(m[1]),
        etag: m[2]!.replace(/&quot;/g, '"'),
      }));
      if (parts.length === 0) throw new S3Failure(400, "MalformedXML");
      const file = path.join(tmp, randomUUID());
      const md5s: Buffer[] = [];
      let size = 0;
      try {
        for (const [i, part] of parts.entries()) {
          if (i > 0 && part.partNumber <= parts[i - 1]!.partNumber) throw new S3Failure(400, "InvalidPartOrder");
          const info = await fs
            .readFile(path.join(dir, `${part.partNumber}.json`), "utf8")
            .then((t) => JSON.parse(t) as { etag: string; size: number; md5: string })
            .catch(() => null);
          if (!info || info.etag !== (part.etag.startsWith('"') ? part.etag : `"${part.etag}"`)) throw new S3Failure(400, "InvalidPart");
          if (i < parts.length - 1 && info.size < minPart) throw new S3Failure(400, "EntityTooSmall");
          await pipeline(createReadStream(path.join(dir, String(part.partNumber))), createWriteStream(file, { flags: "a" }));
          md5s.push(Buffer.from(info.md5, "hex"));
          size += info.size;
        }
      } catch (error) {
        await fs.rm(file, { force: true });
        throw error;
      }
      const etag = `"${createHash("md5").update(Buffer.concat(md5s)).digest("hex")}-${parts.length}"`;
      await store(key, file, etag, size, "application/octet-stream");
      await fs.rm(dir, { recursive: true, force: true });
      return reply(
        200,
        {},
        `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><ETag>${xmlEscape(etag)}</ETag></CompleteMultipartUploadResult>`,
      );
    }
    if (method === "DELETE" && uploadId) {
      const dir = await uploadOf(uploadId, key);
      await fs.rm(dir, { recursive: true, force: true });
      return reply(204);
    }
    if (method === "PUT" && request.headers["x-amz-copy-source"]) {
      const source = decodeURIComponent(String(request.headers["x-amz-copy-source"]).replace(/^\//, ""));
      const [sourceBucket, ...sourceKey] = source.split("/");
      const from = await meta(sourceKey.join("/"));
      if (sourceBucket !== options.bucket || !from) throw new S3Failure(404, "NoSuchKey");
      const file = path.join(tmp, randomUUID());
      await fs.copyFile(dataFile(sourceKey.join("/")), file);
      await store(key, file, from.etag, from.size, from.contentType);
      return reply(200, {}, `<CopyObjectResult><ETag>${xmlEscape(from.etag)}</ETag></CopyObjectResult>`);
    }
    if (method === "PUT") {
      const { file, md5, size } = await receive(request, payloadHash);
      await store(key, file, `"${md5}"`, size, String(request.headers["content-type"] ?? "application/octet-stream"));
      return reply(200, { etag: `"${md5}"` });
    }
    if (method === "DELETE") {
      await fs.rm(dataFile(key), { force: true });
      await fs.rm(metaFile(key), { force: true });
      return reply(204);
    }
    if (method === "GET" || method === "HEAD") {
      const info = await meta(key);
      if (!info) throw new S3Failure(404, "NoSuchKey");
      const headers: Record<string, string> = {
        etag: info.etag,
        "content-type": info.contentType,
        "accept-ranges": "bytes",
        "last-modified": new Date().toUTCString(),
      };
      const range = /^bytes=(\d*)-(\d*)$/.exec(String(request.headers.range ?? ""));
      let [start, end] = [0, info.size - 1];
      let status = 200;
      if (range && (range[1] || range[2])) {
        if (range[1] === "") [start, end] = [Math.max(0, info.size - Number(range[2])), info.size - 1];
        else [start, end] = [Number(range[1]), range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1];
        if (start >= info.size || start > end) throw new S3Failure(416, "InvalidRange");
        status = 206;
        headers["content-range"] = `bytes ${start}-${end}/${info.size}`;
      }
      headers["content-length"] = String(info.size === 0 ? 0 : end - start + 1);
      response.writeHead(status, { ...cors, ...headers });
      if (method === "HEAD" || info.size === 0) return void response.end();
      await pipeline(createReadStream(dataFile(key), { start, end }), response);
      return;
    }
    throw new S3Failure(405, "MethodNotAllowed");
  }

  let refused = 0;
  const server = http.createServer((request, response) => {
    const origin = request.headers.origin;
    const allowed = !!origin && (options.corsOrigins ?? []).includes(origin);
    const cors: Record<string, string> = allowed
      ? { "access-control-allow-origin": origin, "access-control-expose-headers": "ETag", vary: "Origin" }
      : {};
    if (request.method === "OPTIONS") {
      const method = String(request.headers["access-control-request-method"] ?? "");
      if (!allowed || !["GET", "PUT", "HEAD"].includes(method)) {
        response.writeHead(403, { "content-type": "application/xml" });
        return void response.end(
          "<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>",
        );
      }
      response.writeHead(200, {
        ...cors,
        "access-control-allow-methods": "GET, PUT, HEAD",
        "access-control-allow-headers": String(request.headers["access-control-request-headers"] ?? ""),
        "access-control-max-age": "3000",
      });
      return void response.end();
    }
    handle(request, response, cors).catch((error: unknown) => {
      const failure = error instanceof S3Failure ? error : new S3Failure(500, "InternalError", String(error));
      if (failure.status === 403) refused += 1;
      request.resume();
      if (response.headersSent) return void response.destroy();
      response.writeHead(failure.status, { ...cors, "content-type": "application/xml" });
      response.end(
        request.method === "HEAD"
          ? undefined
          : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${failure.code}</Code><Message>${xmlEscape(failure.message)}</Message></Error>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    keys: async () =>
      (await fs.readdir(objects))
        .filter((f) => !f.endsWith(".json"))
        .map(keyOf)
        .sort(),
    openUploads: async () => fs.readdir(uploads),
    get refused() {
      return refused;
    },
  };
}
