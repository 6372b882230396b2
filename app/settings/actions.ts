"use server";
// Server actions of the settings page: the same domain functions as POST /api/profile and
// POST /api/profile/password (which stay for other clients). Results as in lib/http/action.ts.
import { beginSetup, confirmSetup, disableTwoFactor, setAskAfterOAuth, type TwoFactorSetup } from "@/lib/account/two-factor/operations";
import type { PublicUser } from "@/lib/auth/public-user";
import { AppError } from "@/lib/errors";
import { runAction, type ActionResult } from "@/lib/http/action";
import { requireSessionUser } from "@/lib/auth/session";
import { signOutOtherSessions, signOutSession } from "@/lib/account/sessions/operations";
import { changePassword, profileUpdateFromForm, updateProfile } from "@/lib/users/profile";
import { setProfileDetails } from "@/lib/chat/profiles/operations";
import type { ProfileDetails } from "@/lib/chat/profiles/dto";
import { setPrivacy } from "@/lib/chat/privacy/operations";
import type { PrivacySettings } from "@/lib/chat/privacy/dto";
import { updateSettings } from "@/lib/chat/settings/operations";
import type { SettingsInput } from "@/lib/chat/settings/schemas";
import type { UserSettings } from "@/lib/chat/settings/values";

/** The profile form: name, avatar file, imageUrl, removeAvatar. */
export async function updateProfileAction(form: FormData): Promise<ActionResult<PublicUser>> {
  return runAction(async (actorId) => {
    if (!(form instanceof FormData)) throw new AppError("bad_request", "Send the profile as a form.");
    return updateProfile(actorId, await profileUpdateFromForm(form));
  });
}

/** My username and about line (issue 15): an empty field clears it. */
export async function updateProfileDetailsAction(input: { username?: string; about?: string }): Promise<ActionResult<ProfileDetails>> {
  return runAction((actorId) => setProfileDetails(actorId, input));
}

/** Who sees my last seen & online, my photo, my about line (issue 15): everyone / contacts / nobody. */
export async function updatePrivacyAction(input: Partial<PrivacySettings>): Promise<ActionResult<PrivacySettings>> {
  return runAction((actorId) => setPrivacy(actorId, input));
}

/** My app settings (issue 15): theme, enter-to-send, sound, notifications; kept on the account. */
export async function updateSettingsAction(input: SettingsInput): Promise<ActionResult<UserSettings>> {
  return runAction((actorId) => updateSettings(actorId, input));
}

/** Checks the current password, sets the new one and ends every session (this one too). */
export async function changePasswordAction(input: { currentPassword: string; newPassword: string }): Promise<ActionResult<null>> {
  return runAction(async (actorId) => {
    await changePassword(actorId, input);
    return null;
  });
}

/** Two-factor authentication: a new secret (QR code and manual key), not in force until confirmed. */
export async function beginTwoFactorSetupAction(): Promise<ActionResult<TwoFactorSetup>> {
  return runAction((actorId) => beginSetup(actorId));
}

/** Confirms the setup with a code from the app; the answer holds the ten recovery codes, shown once. */
export async function confirmTwoFactorAction(input: { code: string }): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return runAction((actorId) => confirmSetup(actorId, input));
}

/** Turns two-factor authentication off after a code from the app or a recovery code. */
export async function disableTwoFactorAction(input: { code: string }): Promise<ActionResult<null>> {
  return runAction(async (actorId) => {
    await disableTwoFactor(actorId, input);
    return null;
  });
}

/** Whether a GitHub / Google / OIDC sign-in also asks for a code (2FA must be on). */
export async function setTwoFactorAfterOAuthAction(input: { askAfterOAuth: boolean }): Promise<ActionResult<{ askAfterOAuth: boolean }>> {
  return runAction((actorId) => setAskAfterOAuth(actorId, input));
}

/** Signs out one of my sessions (another device). */
export async function signOutSessionAction(sessionId: string): Promise<ActionResult<null>> {
  return runAction(async (actorId) => {
    await signOutSession(actorId, sessionId);
    return null;
  });
}

/** Signs out every session of mine but this one. */
export async function signOutOtherSessionsAction(): Promise<ActionResult<{ count: number }>> {
  return runAction(async (actorId) => signOutOtherSessions(actorId, (await requireSessionUser()).sessionId));
}
