// GET /api/profile → {profile}; POST /api/profile (multipart: name, avatar file, imageUrl,
// removeAvatar) → {user}. Own profile only; same-origin POSTs only. The settings page uses the
// server action of the same name (app/settings/actions.ts); this route serves other clients.
import { AppError } from "@/lib/errors";
import { readMultipart } from "@/lib/http/request";
import { apiRoute, json } from "@/lib/http/route";
import { MAX_IMAGE_BYTES } from "@/lib/storage/images";
import { getOwnProfile, profileUpdateFromForm, updateProfile } from "@/lib/users/profile";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (_request, user) => json({ profile: await getOwnProfile(user.id) }));

const tooLarge = () => new AppError("payload_too_large", "Images can be at most 5 MB.", { avatar: ["Images can be at most 5 MB."] });

export const POST = apiRoute(async (request, user) => {
  const form = await readMultipart(
    request,
    MAX_IMAGE_BYTES + 64 * 1024,
    tooLarge,
    () => new AppError("bad_request", "Send the profile as a form."),
  );
  return json({ user: await updateProfile(user.id, await profileUpdateFromForm(form)) });
});
