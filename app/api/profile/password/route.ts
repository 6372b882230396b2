// POST /api/profile/password {currentPassword, newPassword} → 204; ends every session of the user.
import { readJson } from "@/lib/http/request";
import { apiRoute } from "@/lib/http/route";
import { changePassword } from "@/lib/users/profile";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, user) => {
  await changePassword(user.id, await readJson(request));
  return new Response(null, { status: 204 });
});
