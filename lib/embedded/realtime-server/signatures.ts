/**
 * HMAC helpers for the three Pusher signatures: channel authorization, user
 * authentication (signin) and HTTP API request signing. String formats match
 * node_modules/pusher/lib/{auth,requests,util}.js byte for byte.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

import { LIMITS, type AppCredentials } from "./protocol";

export function hmacSha256Hex(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data, "utf8").digest("hex");
}

export function md5Hex(body: Buffer | string): string {
  return createHash("md5").update(body).digest("hex");
}

/** Constant-time string comparison; the length check leaks only the length, which is public (hex digests). */
export function safeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(actual, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What pusher-js sends as `auth`: `"{key}:{hex signature}"`. */
export function verifySocketAuth(app: AppCredentials, auth: unknown, stringToSign: string): boolean {
  if (typeof auth !== "string") return false;
  const colon = auth.indexOf(":");
  if (colon < 0) return false;
  const keyOk = safeEqual(app.key, auth.slice(0, colon));
  const signatureOk = safeEqual(hmacSha256Hex(app.secret, stringToSign), auth.slice(colon + 1));
  return keyOk && signatureOk;
}

export function channelStringToSign(socketId: string, channel: string, channelData?: string): string {
  return channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
}

export function userStringToSign(socketId: string, userData: string): string {
  return `${socketId}::user::${userData}`;
}

/** Signs like the pusher lib: tests use it to produce valid auth strings. */
export function signSocketAuth(app: AppCredentials, stringToSign: string): string {
  return `${app.key}:${hmacSha256Hex(app.secret, stringToSign)}`;
}

/**
 * `METHOD\npath\nk=v&k=v` with keys lowercased and sorted, `auth_signature` left out.
 * Values are the decoded ones: the pusher lib does not percent-encode, so for every
 * value it sends the decoded and raw forms are identical.
 */
export function apiStringToSign(method: string, path: string, params: ReadonlyMap<string, string>): string {
  const query = [...params.entries()]
    .filter(([key]) => key !== "auth_signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return `${method.toUpperCase()}\n${path}\n${query}`;
}

export type ApiAuthResult = { ok: true; params: Map<string, string> } | { ok: false; status: 400 | 401; error: string };

/** Verifies an HTTP API request signed as in node_modules/pusher/lib/requests.js. */
export function verifyApiRequest(input: {
  app: AppCredentials;
  method: string;
  path: string;
  rawQuery: string;
  body: Buffer;
  nowSeconds?: number;
}): ApiAuthResult {
  const params = new Map<string, string>();
  for (const [rawKey, value] of new URLSearchParams(input.rawQuery)) {
    const key = rawKey.toLowerCase();
    // A repeated key would make the signed string ambiguous.
    if (params.has(key)) return { ok: false, status: 400, error: `Duplicate query parameter "${key}"` };
    params.set(key, value);
  }

  const fail = (error: string): ApiAuthResult => ({ ok: false, status: 401, error });
  const key = params.get("auth_key");
  const timestamp = params.get("auth_timestamp");
  const signature = params.get("auth_signature");
  if (key === undefined || timestamp === undefined || signature === undefined) {
    return fail("Missing auth_key, auth_timestamp or auth_signature");
  }
  if (params.get("auth_version") !== "1.0") return fail("auth_version must be 1.0");
  if (!safeEqual(input.app.key, key)) return fail("Unknown auth_key");

  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const ts = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isFinite(ts) || Math.abs(now - ts) > LIMITS.apiTimestampSkewSeconds) {
    return fail(`auth_timestamp is more than ${LIMITS.apiTimestampSkewSeconds} s away from server time (${now})`);
  }

  const bodyMd5 = params.get("body_md5");
  if (input.body.length > 0 || bodyMd5 !== undefined) {
    if (bodyMd5 === undefined) return fail("body_md5 is required when a body is sent");
    if (!safeEqual(md5Hex(input.body), bodyMd5)) return fail("body_md5 does not match the request body");
  }

  const expected = hmacSha256Hex(input.app.secret, apiStringToSign(input.method, input.path, params));
  if (!safeEqual(expected, signature)) return fail("Invalid auth_signature");
  return { ok: true, params };
}

/** Builds a signed query string (used by tests for requests the pusher lib refuses to make). */
export function signApiQuery(
  app: AppCredentials,
  method: string,
  path: string,
  body: string,
  extra: Record<string, string> = {},
  timestamp: number = Math.floor(Date.now() / 1000),
): string {
  const params = new Map<string, string>([
    ["auth_key", app.key],
    ["auth_timestamp", String(timestamp)],
    ["auth_version", "1.0"],
  ]);
  if (body.length > 0) params.set("body_md5", md5Hex(body));
  // Extras go last so tests can override auth fields (e.g. a wrong body_md5).
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const signature = hmacSha256Hex(app.secret, apiStringToSign(method, path, params));
  const query = new URLSearchParams([...params.entries(), ["auth_signature", signature]]);
  return query.toString();
}
