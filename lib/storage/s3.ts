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
import { forcePathStyleOf, s3ObjectUrl } from "./s3-url";
import { presignV4, sha256Hex as sha256, signV4 } from "./sigv4";
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

export { signV4, type SignInput } from "./sigv4";
export { s3ObjectUrl } from "./s3-url";

/** A presigned URL for `method` on `key` (plus `query`, e.g. partNumber and uploadId), valid `expiresSeconds`. */
export function s3Presign(
  config: S3Config,
  method: string,
  key: string,
  query: Record<string, string>,
  expiresSeconds: number,
  now = new Date(),
  headers: Record<string, string> = {},
): string {
  const url = s3ObjectUrl(config, key);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return presignV4({
    method,
    url,
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    date: now,
    expiresSeconds,
    headers,
  }).toString();
}

export class S3Storage implements Storage {
  constructor(
    private readonly config: S3Config,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private objectUrl(key: string): URL {
    if (!isValidKey(key)) throw new Error(`invalid storage key: ${key}`);
    return s3ObjectUrl(this.config, key);
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
  const forcePathStyle = forcePathStyleOf(env.S3_FORCE_PATH_STYLE);
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
