// AWS Signature Version 4 for S3, pure and browser-free: the signer of lib/storage/s3.ts (header
// auth and presigned URLs) and the verifier of the embedded S3 server (lib/embedded/s3-server) share
// this one canonicalization, so the two sides cannot drift apart.
import { createHash, createHmac } from "node:crypto";

export const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
export const EMPTY_SHA256 = sha256Hex("");

/** RFC 3986 encoding as SigV4 wants it. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** 20130524T000000Z */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export interface CanonicalInput {
  method: string;
  url: URL;
  /** Lowercase names and their values, exactly the signed ones (host included). */
  headers: Record<string, string>;
  payloadHash: string;
  /** Query parameters left out (X-Amz-Signature of a presigned URL). */
  skipQuery?: string;
}

/** The canonical request and its signed-header list. */
export function canonicalRequest(input: CanonicalInput): { canonical: string; signedHeaders: string } {
  const names = Object.keys(input.headers).sort();
  const canonicalHeaders = names.map((name) => `${name}:${input.headers[name]!.trim()}\n`).join("");
  const signedHeaders = names.join(";");
  const query = [...input.url.searchParams.entries()]
    .filter(([k]) => k !== input.skipQuery)
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const path = input.url.pathname
    .split("/")
    .map((segment) => encode(decodeURIComponent(segment)))
    .join("/");
  return {
    canonical: [input.method, path || "/", query, canonicalHeaders, signedHeaders, input.payloadHash].join("\n"),
    signedHeaders,
  };
}

/** The hex signature of a canonical request, for the key of `secretAccessKey` on `day`/`region`/`service`. */
export function signatureOf(canonical: string, date: string, secretAccessKey: string, region: string, service = "s3"): string {
  const day = date.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, sha256Hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), "aws4_request");
  return createHmac("sha256", key).update(stringToSign).digest("hex");
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

/** Header auth: returns the headers to send (Authorization included, Host left to the client). */
export function signV4(input: SignInput): Record<string, string> {
  const service = input.service ?? "s3";
  const date = amzDate(input.date);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v.trim()])),
    host: input.url.host,
    "x-amz-date": date,
    "x-amz-content-sha256": input.payloadHash,
  };
  const { canonical, signedHeaders } = canonicalRequest({ method: input.method, url: input.url, headers, payloadHash: input.payloadHash });
  const signature = signatureOf(canonical, date, input.secretAccessKey, input.region, service);
  const { host: _host, ...rest } = headers;
  void _host; // fetch sets Host itself
  const scope = `${date.slice(0, 8)}/${input.region}/${service}/aws4_request`;
  return {
    ...rest,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/**
 * Query auth (a presigned URL): Host and the given headers (e.g. content-length, binding a part's
 * exact size) are signed; the payload is UNSIGNED-PAYLOAD.
 */
export function presignV4(
  input: Omit<SignInput, "headers" | "payloadHash"> & { expiresSeconds: number; headers?: Record<string, string> },
): URL {
  const service = input.service ?? "s3";
  const date = amzDate(input.date);
  const url = new URL(input.url);
  url.searchParams.set("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  url.searchParams.set("X-Amz-Credential", `${input.accessKeyId}/${date.slice(0, 8)}/${input.region}/${service}/aws4_request`);
  url.searchParams.set("X-Amz-Date", date);
  url.searchParams.set("X-Amz-Expires", String(Math.floor(input.expiresSeconds)));
  const headers = { ...input.headers, host: url.host };
  url.searchParams.set("X-Amz-SignedHeaders", Object.keys(headers).sort().join(";"));
  const { canonical } = canonicalRequest({ method: input.method, url, headers, payloadHash: UNSIGNED_PAYLOAD });
  url.searchParams.set("X-Amz-Signature", signatureOf(canonical, date, input.secretAccessKey, input.region, service));
  return url;
}
