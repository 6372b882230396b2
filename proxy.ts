// Protected pages: without a session cookie, go to sign-in and come back afterwards. This is the
// fast path; the pages themselves check the session fully (revocation included) through
// lib/auth/session.ts requirePageUser, so a revoked token is caught there.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  if (token?.sub) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/chat/:path*", "/settings/:path*"],
};
