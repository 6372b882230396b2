// Decoding NextAuth's session cookie into Parley's token: used by getSessionUser (lib/auth/session.ts)
// and by the second-factor upgrade after OAuth (app/api/account/two-factor/verify), which reads the
// cookie of its own request. The Authorization header is deliberately never read (getToken would
// accept a Bearer token from it).
import "server-only";
import { getToken } from "next-auth/jwt";
import type { ParleyToken } from "./options";

/** Anything with the request's cookies: Next's RequestCookies, a Map, or a plain name → value object. */
export type CookieSource = { getAll(): { name: string; value: string }[] } | Map<string, string> | Record<string, string>;

export async function decodeSessionToken(cookies: CookieSource, secret: string): Promise<ParleyToken | null> {
  const req = { cookies, headers: new Headers() } as unknown as Parameters<typeof getToken>[0]["req"];
  return (await getToken({ req, secret })) as ParleyToken | null;
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
