// NextAuth's routes (sign-in, callbacks, CSRF token, session, sign-out). Every POST body is read
// once, up to a limit, and NextAuth is handed exactly those bytes. A credentials sign-in first
// reserves the attempt against the client address and the account (lib/rate-limit/auth-limits.ts),
// keyed on the e-mail NextAuth will parse from the same bytes the same way (JSON or form; for a
// repeated key the last value), so an over-budget attempt gets a real 429 with Retry-After (NextAuth
// itself can only answer an error redirect). NextAuth's own CSRF token protects its POSTs.
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";
import { emailSchema } from "@/lib/auth/validation";
import { AppError } from "@/lib/errors";
import { clientIp, readBody } from "@/lib/http/request";
import { errorResponse } from "@/lib/http/route";
import { reserveSignInAttempt } from "@/lib/rate-limit/auth-limits";
import { securityLog } from "@/lib/security/log";

export const dynamic = "force-dynamic";

/** Sign-in, sign-out and callback forms are small; an OAuth form_post callback carries a few tokens. */
const MAX_AUTH_BODY_BYTES = 16 * 1024;

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

function handle(request: NextRequest, context: RouteContext) {
  return NextAuth(request, context, getAuthOptions()) as Promise<Response>;
}

/** next-auth/react's client logger posts here; Parley does not use it, and it let anyone write the server's log. */
const refusesClientLog = async (context: RouteContext) => (await context.params).nextauth[0] === "_log";
const notFound = () => errorResponse(new AppError("not_found", "Not found."));

export async function GET(request: NextRequest, context: RouteContext) {
  if (await refusesClientLog(context)) return notFound();
  return handle(request, context);
}

/** The body as NextAuth's getBody parses it (next-auth/next/utils.js): JSON, or a form whose repeated keys keep the last value. */
function parseLikeNextAuth(contentType: string | null, bytes: Uint8Array): Record<string, unknown> {
  const text = new TextDecoder().decode(bytes);
  if (contentType?.includes("application/json")) {
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return {};
}

export async function POST(request: NextRequest, context: RouteContext) {
  if (await refusesClientLog(context)) return notFound();
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBody(request, MAX_AUTH_BODY_BYTES, () => new AppError("payload_too_large", "Request body is too large."));
    const { nextauth } = await context.params;
    if (nextauth[0] === "callback" && (nextauth[1] === "credentials" || nextauth[1] === "email-code")) {
      const body = parseLikeNextAuth(request.headers.get("content-type"), bytes);
      const email = emailSchema.safeParse(body.email);
      const ip = clientIp(request.headers);
      try {
        await reserveSignInAttempt(ip, email.success ? email.data : "");
      } catch (error) {
        securityLog("signin.rate_limited", { ip, email: email.success ? email.data : undefined });
        throw error;
      }
    }
  } catch (error) {
    return errorResponse(error);
  }
  // NextAuth reads the body again: hand it the bytes that were checked, not the consumed stream.
  const replay = new NextRequest(request.url, { method: "POST", headers: request.headers, body: bytes });
  return handle(replay, context);
}
