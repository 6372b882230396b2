// Runs before every HTML page (see config.matcher: everything but the API, Next's static files and
// public/ files):
// 1. The Content-Security-Policy, computed per request from the run-time configuration with a
//    fresh nonce (lib/security/csp.ts). It is set on the request too: Next.js reads the nonce from
//    the request's Content-Security-Policy header and puts it on its own scripts. HSTS over https.
// 2. Protected pages (/chat, /settings): without a session cookie, go to sign-in and come back
//    afterwards (an OAuth sign-in still waiting for its second factor: to the code page). This is the fast path; the pages themselves check the session fully (revocation
//    included) through lib/auth/session.ts requirePageUser, so a revoked token is caught there.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { isPendingSecondFactor } from "@/lib/account/two-factor/pending-state";
import { contentSecurityPolicy, hstsHeader, newNonce } from "@/lib/security/csp";

const PROTECTED = /^\/(chat|settings)(\/|$)/;

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PROTECTED.test(pathname)) {
    const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
    if (!token?.sub || isPendingSecondFactor(token as { p2f?: number })) {
      // An OAuth sign-in waiting for its second factor goes to the code page instead.
      const signIn = new URL(token?.sub ? "/sign-in/two-factor" : "/sign-in", request.url);
      signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
      return NextResponse.redirect(signIn);
    }
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(process.env, nonce);
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  const hsts = hstsHeader(process.env);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  // Every page; not /api/* (JSON and uploads: next.config.mjs sets their fixed CSP), Next's static
  // files, or public/ files (a name with an extension).
  matcher: ["/((?!api/|_next/static/|_next/image|.*\\.(?:ico|png|svg|jpg|jpeg|webp|gif|txt|xml|webmanifest)$).*)"],
};
