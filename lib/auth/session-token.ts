// Decoding NextAuth's session cookie into Parley's token: used by getSessionUser (lib/auth/session.ts)
// and by the second-factor upgrade after OAuth (app/api/account/two-factor/verify), which reads the
// cookie of its own request. The Authorization header is deliberately never read (getToken would
// accept a Bearer token from it).
import "server-only";
import { decode, getToken, type JWT } from "next-auth/jwt";
import type { ParleyToken } from "./options";

/** Anything with the request's cookies: Next's RequestCookies, a Map, or a plain name → value object. */
export type CookieSource = { getAll(): { name: string; value: string }[] } | Map<string, string> | Record<string, string>;

export async function decodeSessionToken(cookies: CookieSource, secret: string): Promise<ParleyToken | null> {
  const req = { cookies, headers: new Headers() } as unknown as Parameters<typeof getToken>[0]["req"];
  return (await getToken({ req, secret, decode: decodeRemembered })) as ParleyToken | null;
}

// Every request decodes its cookie: NextAuth derives the key (HKDF) and decrypts the JWE each time,
// about a millisecond of CPU per request here (docs/BENCHMARKS.md, "Message search", round 9). A
// token is an immutable string, so its payload is remembered by the exact string (per secret) and
// only its expiry is checked again; revocation is not decided here but by the live-session check
// that follows (lib/auth/options.ts liveSessionFor). Failures are never remembered.
const CLOCK_TOLERANCE_S = 15; // what NextAuth's decode allows (jose's clockTolerance)
const MAX_REMEMBERED = 10_000;
let rememberedFor: string | Buffer | undefined;
const remembered = new Map<string, JWT>();

const expired = (payload: JWT, now: number): boolean => typeof payload.exp === "number" && payload.exp + CLOCK_TOLERANCE_S < now / 1000;

async function decodeRemembered(params: { token?: string; secret: string | Buffer; salt?: string }): Promise<JWT | null> {
  const { token, secret } = params;
  if (!token) return null;
  if (rememberedFor !== secret) {
    remembered.clear();
    rememberedFor = secret;
  }
  const now = Date.now();
  const known = remembered.get(token);
  if (known) {
    if (!expired(known, now)) return { ...known };
    remembered.delete(token);
    return null;
  }
  const payload = await decode(params);
  if (payload && !expired(payload, now)) {
    if (remembered.size >= MAX_REMEMBERED) remembered.clear(); // bounded memory; a clear costs one decode each
    remembered.set(token, payload);
  }
  return payload ? { ...payload } : null;
}

/** The cookies of a Request's Cookie header (route handlers called outside Next, e.g. in tests, have no store). */
export function requestCookieMap(request: Request): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !map.has(name)) map.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return map;
}
