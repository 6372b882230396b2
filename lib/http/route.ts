// The one route wrapper every route handler uses: same-origin rule for state-changing methods,
// session (or none, for public routes), then the handler; any thrown error becomes the typed
// error body and status of lib/errors (never a 500 for bad input, never a leaked detail).
// Handlers stay thin: parse → domain call → json().
import "server-only";
import { requireSessionUser, type SessionUser } from "@/lib/auth/session";
import { AppError, toHttpError } from "@/lib/errors";
import { assertSameOrigin } from "./request";

type SessionResolver = () => Promise<SessionUser>;
let resolveSession: SessionResolver = requireSessionUser;

/** Test seam: route tests supply the session user without NextAuth. Ignored outside NODE_ENV=test. */
export function setSessionResolverForTests(resolver: SessionResolver | null): void {
  if (process.env.NODE_ENV !== "test") throw new Error("setSessionResolverForTests is for tests only");
  resolveSession = resolver ?? requireSessionUser;
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(error: unknown): Response {
  const { status, body, headers } = toHttpError(error);
  return Response.json(body, { status, headers: { ...headers, "Cache-Control": "no-store" } });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Handler<C, U> = (request: Request, user: U, context: C) => Promise<Response>;

/** A route's exported method; routes without params may be called without a context (tests, other routes). */
type RouteMethod<C> = unknown extends C
  ? (request: Request, context?: C) => Promise<Response>
  : (request: Request, context: C) => Promise<Response>;

function wrap<C, U>(authenticate: () => Promise<U>, handler: Handler<C, U>): RouteMethod<C> {
  return (async (request: Request, context: C): Promise<Response> => {
    try {
      if (!SAFE_METHODS.has(request.method.toUpperCase())) assertSameOrigin(request);
      const user = await authenticate();
      return await handler(request, user, context);
    } catch (error) {
      return errorResponse(error);
    }
  }) as RouteMethod<C>;
}

/** A route for signed-in users (401 otherwise). */
export function apiRoute<C = unknown>(handler: Handler<C, SessionUser>) {
  return wrap<C, SessionUser>(() => resolveSession(), handler);
}

/** A route anyone may call that still needs to know who is asking: the session user, or null. */
export function sessionOptionalRoute<C = unknown>(handler: Handler<C, SessionUser | null>) {
  return wrap<C, SessionUser | null>(async () => {
    try {
      return await resolveSession();
    } catch (error) {
      if (error instanceof AppError && error.code === "unauthorized") return null;
      throw error;
    }
  }, handler);
}

/** A route anyone may call (registration, health); still same-origin for state changes. */
export function publicRoute<C = unknown>(handler: Handler<C, null>) {
  return wrap<C, null>(async () => null, handler);
}

export type IdContext = { params: Promise<{ id: string }> };
