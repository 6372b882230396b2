// GET /api/profile → {profile}; POST /api/profile (multipart: name, avatar file, imageUrl,
// removeAvatar) → {user}. Own profile only; same-origin POSTs only.
import { NextResponse } from "next/server";
import { assertSameOrigin, errorResponse } from "@/lib/auth/http";
import { requireSessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { MAX_IMAGE_BYTES } from "@/lib/storage/images";
import { getOwnProfile, updateProfile, type ProfileUpdate } from "@/lib/users/profile";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const user = await requireSessionUser();
    return NextResponse.json({ profile: await getOwnProfile(user.id) });
  } catch (error) {
    return errorResponse(error);
  }
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
};

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const user = await requireSessionUser();
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > MAX_IMAGE_BYTES + 64 * 1024) {
      throw new AppError("payload_too_large", "Images can be at most 5 MB.", { avatar: ["Images can be at most 5 MB."] });
    }
    const form = await request.formData().catch(() => {
      throw new AppError("bad_request", "Send the profile as a form.");
    });
    const file = form.get("avatar");
    const update: ProfileUpdate = {
      name: text(form, "name"),
      imageUrl: text(form, "imageUrl"),
      removeAvatar: form.get("removeAvatar") === "true" ? true : undefined,
      avatar: file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined,
    };
    return NextResponse.json({ user: await updateProfile(user.id, update) });
  } catch (error) {
    return errorResponse(error);
  }
}
