// The one way server code learns who is asking: server components, server actions, route handlers
// and the realtime channel-auth endpoint all call getSessionUser / requireSessionUser.
import "server-only";
import { getServerSession } from "next-auth";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  name: string | null;
  image: string | null;
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; name?: string | null; image?: string | null } | undefined;
  if (!user?.id) return null;
  return { id: user.id, name: user.name ?? null, image: user.image ?? null };
}

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Please sign in to continue.");
  return user;
}
