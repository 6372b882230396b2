// A user's own profile: read, edit display name and avatar (uploaded image, or an https URL on a host
// of PARLEY_IMAGE_HOSTS), change password. Only the owner's own email is ever returned, never
// hashedPassword or tokens. Avatar uploads and current-password checks have per-user budgets
// (lib/rate-limit/user-budgets.ts); avatars count towards the upload quota (lib/chat/uploads).
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword, verifyAgainstDummyHash, verifyPassword } from "@/lib/auth/password";
import { publicUserSelect, type PublicUser } from "@/lib/auth/public-user";
import { bumpSessionVersion, forgetLiveSession } from "@/lib/auth/session-version";
import { changePasswordSchema, displayNameSchema, fieldErrors } from "@/lib/auth/validation";
import { forgetUpload, recordUpload } from "@/lib/chat/uploads/records";
import { allowedImageHosts } from "@/lib/chat/messages/images";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { securityLog } from "@/lib/security/log";
import { assertUploadAllowed, clearPasswordChecks, reservePasswordCheck } from "@/lib/rate-limit/user-budgets";
import { storage, type Storage } from "@/lib/storage/storage";
import { processAvatar } from "./avatar";

export interface OwnProfile extends PublicUser {
  email: string | null;
  /** Whether the address was proven (a mailed link or code, or a provider that vouches for it). */
  emailVerified: boolean;
  hasPassword: boolean;
  /** Linked sign-in providers ("github", "oidc", …): names only, never tokens. */
  providers: string[];
}

/**
 * My profile as the settings page shows it. The password hash is never read here, not even to test
 * for one (a count answers "has a password"): in development React sends what a server component
 * awaited to the browser's dev tools, and this runs in one (security round 2, item 15).
 */
export async function getOwnProfile(userId: string): Promise<OwnProfile> {
  const [user, withPassword, accounts] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { ...publicUserSelect, email: true, emailVerified: true } }),
    db.user.count({ where: { id: userId, hashedPassword: { not: null } } }),
    db.account.findMany({ where: { userId }, select: { provider: true }, orderBy: { provider: "asc" } }),
  ]);
  if (!user) throw new AppError("not_found", "This account no longer exists.");
  return {
    id: user.id,
    name: user.name,
    image: user.image,
    email: user.email,
    emailVerified: user.emailVerified !== null,
    hasPassword: withPassword > 0,
    providers: [...new Set(accounts.map((a) => a.provider))],
  };
}

const UPLOAD_PREFIX = "/api/uploads/";

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** An https avatar URL on an allowed host (PARLEY_IMAGE_HOSTS; none by default). */
function isAllowedAvatarUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && !url.username && !url.password && allowedImageHosts().includes(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

export const profileUpdateSchema = z.object({
  name: displayNameSchema.optional(),
  imageUrl: z
    .string()
    .trim()
    .max(2048, "Image URLs are at most 2048 characters.")
    .pipe(z.url({ protocol: /^https$/, error: "Use an https:// image URL." }))
    // Not any https URL: every viewer's browser would fetch it (tracking, IP harvesting). Uploads
    // go through the avatar field; a URL must be on a host the operator allows.
    // (zod runs this even when the https check failed: then that check's message is the one shown.)
    .refine((value) => !isHttpsUrl(value) || isAllowedAvatarUrl(value), {
      error: "Upload a picture instead: image URLs are only accepted from the hosts this server allows.",
    })
    .optional(),
  removeAvatar: z.boolean().optional(),
});

export interface ProfileUpdate {
  name?: string;
  imageUrl?: string;
  removeAvatar?: boolean;
  /** An uploaded file's bytes (checked by magic bytes and size, decoded and re-encoded: lib/users/avatar.ts). */
  avatar?: Uint8Array;
}

const formText = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
};

/** The profile form (fields name, avatar file, imageUrl, removeAvatar) as an update: route and server action alike. */
export async function profileUpdateFromForm(form: FormData): Promise<ProfileUpdate> {
  const file = form.get("avatar");
  return {
    name: formText(form, "name"),
    imageUrl: formText(form, "imageUrl"),
    removeAvatar: form.get("removeAvatar") === "true" ? true : undefined,
    avatar: file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined,
  };
}

export async function updateProfile(userId: string, input: ProfileUpdate, files: Storage = storage()): Promise<PublicUser> {
  const { avatar, ...rest } = input;
  const parsed = profileUpdateSchema.safeParse(rest);
  if (!parsed.success) throw new AppError("bad_request", "Please correct the highlighted fields.", fieldErrors(parsed.error));
  const { name, imageUrl, removeAvatar } = parsed.data;

  const current = await db.user.findUnique({ where: { id: userId }, select: { image: true } });
  if (!current) throw new AppError("not_found", "This account no longer exists.");

  let image: string | null | undefined;
  let newKey: string | undefined;
  if (avatar) {
    await assertUploadAllowed(userId); // before decoding
    const processed = await processAvatar(avatar);
    const key = `avatars/${userId}/${randomBytes(16).toString("hex")}.${processed.ext}`;
    await recordUpload(
      userId,
      { key, size: processed.bytes.byteLength, contentType: processed.contentType },
      async () => {
        await files.put(key, processed.bytes, processed.contentType);
      },
      files,
    );
    newKey = key;
    image = files.url(key);
  } else if (imageUrl) {
    image = imageUrl;
  } else if (removeAvatar) {
    image = null;
  }

  let user: PublicUser;
  try {
    user = await db.user.update({
      where: { id: userId },
      data: { ...(name !== undefined ? { name } : {}), ...(image !== undefined ? { image } : {}) },
      select: publicUserSelect,
    });
  } catch (error) {
    if (newKey) await forgetUpload(newKey, files); // stored but never referenced
    throw error;
  }
  forgetLiveSession(userId); // sessions show the new name and image on their next request
  // The replaced upload is no longer referenced: remove its file and its record (best effort).
  if (image !== undefined && current.image?.startsWith(UPLOAD_PREFIX) && current.image !== image) {
    await forgetUpload(current.image.slice(UPLOAD_PREFIX.length), files);
  }
  return user;
}

/**
 * Changes the password after checking the current one, then ends every session of the user
 * (including the caller's: the client signs in again with the new password).
 */
export async function changePassword(userId: string, input: unknown): Promise<void> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", "Please correct the highlighted fields.", fieldErrors(parsed.error));
  // Like a sign-in: the check is reserved as a failure before bcrypt runs, so a few wrong guesses
  // (even concurrent ones) lock it for 15 minutes (429 + Retry-After); a correct password clears them.
  await reservePasswordCheck(userId);
  const user = await db.user.findUnique({ where: { id: userId }, select: { hashedPassword: true } });
  const ok = user?.hashedPassword
    ? await verifyPassword(parsed.data.currentPassword, user.hashedPassword)
    : await verifyAgainstDummyHash(parsed.data.currentPassword);
  if (!ok) {
    securityLog("password.change_failed", { userId, reason: "wrong current password" });
    throw new AppError("bad_request", "The current password is not correct.", {
      currentPassword: ["The current password is not correct."],
    });
  }
  await clearPasswordChecks(userId);
  await db.user.update({
    where: { id: userId },
    data: { hashedPassword: await hashPassword(parsed.data.newPassword) },
    select: { id: true },
  });
  await bumpSessionVersion(userId, { passwordChanged: true });
  securityLog("password.changed", { userId });
  securityLog("session.ended", { userId, reason: "password changed" });
}
