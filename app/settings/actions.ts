"use server";
// Server actions of the settings page: the same domain functions as POST /api/profile and
// POST /api/profile/password (which stay for other clients). Results as in lib/http/action.ts.
import type { PublicUser } from "@/lib/auth/public-user";
import { AppError } from "@/lib/errors";
import { runAction, type ActionResult } from "@/lib/http/action";
import { changePassword, profileUpdateFromForm, updateProfile } from "@/lib/users/profile";

/** The profile form: name, avatar file, imageUrl, removeAvatar. */
export async function updateProfileAction(form: FormData): Promise<ActionResult<PublicUser>> {
  return runAction(async (actorId) => {
    if (!(form instanceof FormData)) throw new AppError("bad_request", "Send the profile as a form.");
    return updateProfile(actorId, await profileUpdateFromForm(form));
  });
}

/** Checks the current password, sets the new one and ends every session (this one too). */
export async function changePasswordAction(input: { currentPassword: string; newPassword: string }): Promise<ActionResult<null>> {
  return runAction(async (actorId) => {
    await changePassword(actorId, input);
    return null;
  });
}
