// Request helpers for the app's own state-changing route handlers (NextAuth's routes have their
// own CSRF token): same-origin check, client IP, error responses.
import "server-only";
import { NextResponse } from "next/server";
import { AppError, toHttpError } from "@/lib/errors";

function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** This site's origin from NEXTAUTH_URL (the launcher always sets it). */
export function siteOrigin(): string | undefined {
  return originOf(process.env.NEXTAUTH_URL ?? null) ?? undefined;
}

/**
 * CSRF defence for POST/PATCH/DELETE handlers (OWASP ASVS V3.5): the browser-set Origin (or, when
 * absent, the Referer) must be this site — the Host the request came to, or NEXTAUTH_URL.
 * Requests with neither header are refused: every browser sends Origin on a cross-site POST.
 */
export function assertSameOrigin(request: Request): void {
  const origin = originOf(request.headers.get("origin")) ?? originOf(request.headers.get("referer"));
  const allowed = new Set<string>();
  const configured = originOf(process.env.NEXTAUTH_URL ?? null);
  if (configured) allowed.add(configured);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    allowed.add(`${proto.split(",")[0]!.trim()}://${host.split(",")[0]!.trim()}`);
  }
  if (!origin || !allowed.has(origin)) {
    throw new AppError("forbidden", "This request did not come from Parley.");
  }
}

/**
 * The client address for rate limiting: the right-most X-Forwarded-For entry, i.e. the address the
 * nearest proxy saw (Next.js fills the header from the socket when no proxy set it). Deploy behind
 * a proxy that appends to X-Forwarded-For; without one a client can choose its own entry, and only
 * the per-account limits bind.
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  const forwarded = read("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? read("x-real-ip") ?? "unknown";
}

export function errorResponse(error: unknown): NextResponse {
  const { status, body, headers } = toHttpError(error);
  return NextResponse.json(body, { status, headers });
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("bad_request", "The request body must be JSON.");
  }
}
