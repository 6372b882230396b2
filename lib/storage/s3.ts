// S3-compatible storage (AWS S3, Cloudflare R2, MinIO, Backblaze B2, …) behind the same Storage
// interface as the local disk, with no SDK: plain fetch + AWS Signature Version 4.
// Objects stay private in the bucket; the browser loads them through the app's GET /api/uploads/
// route (same-origin URL, our safe headers), exactly as with the local disk.
//
// Environment (all of S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY to enable):
//   S3_BUCKET, S3_REGION (default us-east-1), S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
//   S3_ENDPOINT (default https://s3.<region>.amazonaws.com; e.g. http://127.0.0.1:9000 for MinIO),
//   S3_FORCE_PATH_STYLE (default true with S3_ENDPOINT, else virtual-hosted style), S3_PREFIX (optional key prefix).
import "server-only";
import { createHash, createHmac } from "node:crypto";
import { CONTENT_TYPES, isValidKey, type Storage, type StoredObject } from "./storage";

export interface S3Config {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  prefix?: string;
  publicPrefix?: string;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (slashes kept in paths). */
function encode(value: string, keepSlash: boolean): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, keepSlash ? "/" : "%2F");
}

export interface SignInput {
  method: string;
  url: URL;
  /** Lowercase names; `host`, `x-amz-date` and `x-amz-content-sha256` are added. */
  headers: Record<string, string>;
  payloadHash: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service?: string;
  date: Date;
}

/** AWS Signature Version 4: returns the headers to send (Authorization included). Pure. */
export function signV4(input: SignInput): Record<string, string> {
  const service = input.service ?? "s3";
  const amzDate = input.date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v.trim()])),
    host: input.url.host,
    "x-amz-date": amzDate,
    "x-amz-content-sha256": input.payloadHash,
  };
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]}\n`).join("");
  const signedHeaders = names.join(";");
  const query = [...input.url.searchParams.entries()]
    .map(([k, v]) => [encode(k, false), encode(v, false)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const path = input.url.pathname
    .split("/")
    .map((segment) => encode(decodeURIComponent(segment), false))
    .join("/");
  const canonicalRequest = [input.method, path || "/", query, canonicalHeaders, signedHeaders, input.payloadHash].join("\n");
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), service), "aws4_request");
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  const { host: _host, ...rest } = headers;
  void _host; // fetch sets Host itself
  return {
    ...rest,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

export class S3Storage implements Storage {
  constructor(
    private readonly config: S3Config,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private objectUrl(key: string): URL {
    if (!isValidKey(key)) throw new Error(`invalid storage key: ${key}`);
    const objectKey = `${this.config.prefix ?? ""}${key}`;
    const { bucket, region } = this.config;
    const endpoint = this.config.endpoint ?? `https://s3.${region}.amazonaws.com`;
    const base = new URL(endpoint);
    const pathStyle = this.config.forcePathStyle ?? this.config.endpoint !== undefined;
    if (pathStyle) {
      base.pathname = `${base.pathname.replace(/\/$/, "")}/${bucket}/${objectKey}`;
    } else {
      base.host = `${bucket}.${base.host}`;
      base.pathname = `/${objectKey}`;
    }
    return base;
  }

  private async send(method: string, key: string, body?: Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
    const url = this.objectUrl(key);
    const signed = signV4({
      method,
      url,
      headers,
      payloadHash: sha256(body ?? ""),
      accessKeyId: this.config.accessKeyId,
      secretAccessKey: this.config.secretAccessKey,
      region: this.config.region,
      date: this.now(),
    });
    return this.fetchImpl(url, { method, headers: signed, body: body ? Buffer.from(body) : undefined, cache: "no-store" });
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const ext = key.split(".").pop()!.toLowerCase();
    if (CONTENT_TYPES[ext] !== contentType) throw new Error(`content type ${contentType} does not match key ${key}`);
    const response = await this.send("PUT", key, bytes, { "content-type": contentType });
    if (!response.ok) throw new Error(`S3 PUT ${key} failed: ${response.status} ${await response.text().catch(() => "")}`.trim());
  }

  async get(key: string): Promise<StoredObject | null> {
    if (!isValidKey(key)) return null;
    const response = await this.send("GET", key);
    if (response.status === 404 || response.status === 403) return null;
    if (!response.ok) throw new Error(`S3 GET ${key} failed: ${response.status}`);
    // The type is ours (validated on upload, encoded in the key), never the bucket's metadata.
    return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: CONTENT_TYPES[key.split(".").pop()!.toLowerCase()]! };
  }

  url(key: string): string {
    return `${this.config.publicPrefix ?? "/api/uploads"}/${key}`;
  }

  async delete(key: string): Promise<void> {
    const response = await this.send("DELETE", key);
    if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${response.status}`);
  }
}

/** The S3 configuration from the environment, or null when S3 is not configured. */
export function s3ConfigFromEnv(env: Record<string, string | undefined> = process.env): S3Config | null {
  const bucket = env.S3_BUCKET?.trim();
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
  if (!bucket && !accessKeyId && !secretAccessKey) return null;
  const missing = [
    ["S3_BUCKET", bucket],
    ["S3_ACCESS_KEY_ID", accessKeyId],
    ["S3_SECRET_ACCESS_KEY", secretAccessKey],
  ].filter(([, v]) => !v);
  if (missing.length > 0) throw new Error(`S3 storage needs ${missing.map(([n]) => n).join(", ")} as well`);
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  const forcePathStyle = env.S3_FORCE_PATH_STYLE ? /^(1|true|yes)$/i.test(env.S3_FORCE_PATH_STYLE) : undefined;
  return {
    bucket: bucket!,
    accessKeyId: accessKeyId!,
    secretAccessKey: secretAccessKey!,
    region: env.S3_REGION?.trim() || "us-east-1",
    ...(endpoint ? { endpoint } : {}),
    ...(forcePathStyle !== undefined ? { forcePathStyle } : {}),
    ...(env.S3_PREFIX?.trim() ? { prefix: env.S3_PREFIX.trim() } : {}),
  };
}

/** S3Storage when S3_* is configured, else null (use the local disk). */
export function s3StorageFromEnv(env: Record<string, string | undefined> = process.env): S3Storage | null {
  const config = s3ConfigFromEnv(env);
  return config ? new S3Storage(config) : null;
}
