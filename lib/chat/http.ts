// Thin plumbing shared by the chat and realtime route handlers: session, same-origin check for
// state-changing requests (CSRF), body parsing with clear 400s, and error mapping via toHttpError.
import "server-only";
import { requireSessionUser, type SessionUser } from "@/lib/auth/session";
import { AppError, toHttpError } from "@/lib/errors";

type SessionResolver = () => Promise<SessionUser>;
let resolveSession: SessionResolver = requireSessionUser;

/** Test seam: route tests supply the session user without NextAuth. Ignored outside NODE_ENV=test. */
export function setSessionResolverForTests(resolver: SessionResolver | null): void {
  if (process.env.NODE_ENV !== "test") throw new Error("setSessionResolverForTests is for tests only");
  resolveSession = resolver ?? requireSessionUser;
}

const MAX_BODY_BYTES = 64 * 1024;

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

function originsOf(request: Request): Set<string> {
  const url = new URL(request.url);
  const origins = new Set([url.origin]);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url.protocol.replace(":", "");
    origins.add(`${proto}://${host.split(",")[0]!.trim()}`);
  }
  if (process.env.NEXTAUTH_URL) {
    try {
      origins.add(new URL(process.env.NEXTAUTH_URL).origin);
    } catch {
      // a malformed NEXTAUTH_URL is reported by serverEnv()
    }
  }
  return origins;
}

/** Refuses cross-site state-changing requests: Origin must be ours (or Sec-Fetch-Site same-origin). */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (originsOf(request).has(origin)) return;
  } else if (request.headers.get("sec-fetch-site") === "same-origin") {
    return;
  }
  throw new AppError("forbidden", "Cross-site request refused.");
}

async function readText(request: Request): Promise<string> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw new AppError("payload_too_large", "Request body is too large.");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("payload_too_large", "Request body is too large.");
  return text;
}

/** The JSON object body of a request, or AppError("bad_request"). */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await readText(request);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body must be a JSON object.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("bad_request", "Request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** A form-encoded body (what pusher-js posts), or a JSON object body. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  if (request.headers.get("content-type")?.includes("application/json")) {
    const body = await readJson(request);
    return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  }
  return Object.fromEntries(new URLSearchParams(await readText(request)));
}

export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

type Handler<C> = (request: Request, user: SessionUser, context: C) => Promise<Response>;

/** Wraps a route handler: CSRF check (if `mutating`), session, error mapping. Never answers 500 for bad input. */
export function apiRoute<C = unknown>(options: { mutating: boolean }, handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      if (options.mutating) assertSameOrigin(request);
      const user = await resolveSession();
      return await handler(request, user, context);
    } catch (error) {
      const { status, body, headers } = toHttpError(error);
      return Response.json(body, { status, headers: { ...headers, "Cache-Control": "no-store" } });
    }
  };
}

export type IdContext = { params: Promise<{ id: string }> };
