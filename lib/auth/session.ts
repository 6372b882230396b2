// The one way server code learns who is asking: server components, server actions, route handlers
// and the realtime channel-auth endpoint all call getSessionUser / requireSessionUser.
// The session is a NextAuth JWT; reading it also checks it was not revoked (sign-out, password
// change) and refreshes name/image from the database (lib/auth/options.ts, jwt callback).
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { touchActivity } from "@/lib/users/activity";
import { getAuthOptions } from "./options";
import { safeCallbackPath } from "./validation";

export interface SessionUser {
  id: string;
  name: string | null;
  image: string | null;
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as { id?: string; name?: string | null; image?: string | null } | undefined;
  if (!user?.id) return null;
  void touchActivity(user.id);
  return { id: user.id, name: user.name ?? null, image: user.image ?? null };
}

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Please sign in to continue.");
  return user;
}

/** For protected pages: the user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requirePageUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(safeCallbackPath(returnTo))}`);
  return user;
}
