// POST /api/auth/register {name, email, password} → 201 {user: {id, name, image}}.
// Errors: 400 with field messages, 409 email taken, 429 with Retry-After, 403 cross-site.
import { NextResponse } from "next/server";
import { registerUser } from "@/lib/auth/accounts";
import { assertSameOrigin, clientIp, errorResponse, readJson } from "@/lib/auth/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const user = await registerUser(await readJson(request), { ip: clientIp(request.headers) });
    return NextResponse.json({ user }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
