// POST /api/profile/password {currentPassword, newPassword} → 204; ends every session of the user.
import { assertSameOrigin, errorResponse, readJson } from "@/lib/auth/http";
import { requireSessionUser } from "@/lib/auth/session";
import { changePassword } from "@/lib/users/profile";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const user = await requireSessionUser();
    await changePassword(user.id, await readJson(request));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
