// NextAuth's routes (sign-in, callbacks, CSRF token, session, sign-out). Credentials sign-in first
// passes the rate limits here, so an over-budget attempt gets a real 429 with Retry-After (NextAuth
// itself can only answer an error redirect). NextAuth's own CSRF token protects its POSTs.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/http/request";
import { errorResponse } from "@/lib/http/route";
import { getAuthOptions } from "@/lib/auth/options";
import { emailSchema } from "@/lib/auth/validation";
import { assertSignInAllowed } from "@/lib/rate-limit/auth-limits";

export const dynamic = "force-dynamic";

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

function handle(request: NextRequest, context: RouteContext) {
  return NextAuth(request, context, getAuthOptions()) as Promise<Response>;
}

export function GET(request: NextRequest, context: RouteContext) {
  return handle(request, context);
}

export async function POST(request: NextRequest, context: RouteContext) {
  const { nextauth } = await context.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    try {
      const form = await request.clone().formData().catch(() => null);
      const email = emailSchema.safeParse(form?.get("email") ?? "");
      await assertSignInAllowed(clientIp(request.headers), email.success ? email.data : "");
    } catch (error) {
      return errorResponse(error);
    }
  }
  return handle(request, context);
}
