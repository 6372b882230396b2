// The one way server code learns who is asking: server components, server actions, route handlers
// and the realtime channel-auth endpoint all call getSessionUser / requireSessionUser.
// The session is a NextAuth JWT; reading it also checks it was not revoked (sign-out, password
// change) and refreshes name/image from the database (lib/auth/options.ts, jwt callback).
import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { touchSession } from "@/lib/account/sessions/operations";
import { touchActivity } from "@/lib/users/activity";
import { isPendingSecondFactor, pendingExpired } from "@/lib/account/two-factor/pending-state";
import { getAuthOptions, liveSessionFor } from "./options";
import { decodeSessionToken } from "./session-token";
import { safeCallbackPath } from "./validation";
import { trackBackgroundWork } from "@/lib/server/lifecycle";

export interface SessionUser {
  id: string;
  name: string | null;
  image: string | null;
  /** This session's UserSession id (the token's sid), when it has one. */
  sessionId?: string;
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const options = getAuthOptions();
  const user = options.secret ? await userFromSessionCookie(options.secret) : await userFromNextAuth();
  // Off the request path, but a draining instance (SIGTERM) waits for these writes.
  if (user) void trackBackgroundWork(touchActivity(user.id));
  if (user?.sessionId) void trackBackgroundWork(touchSession(user.sessionId));
  return user;
}

/**
 * NextAuth's own cookie and decoding (getToken), then the same live-session check as the jwt
 * callback; what getServerSession does minus re-encrypting a token that a server render or route
 * handler of the App Router cannot set anyway. The Authorization header is deliberately not read.
 * A sign-in still waiting for its second factor (OAuth, opted in) is nobody.
 */
async function userFromSessionCookie(secret: string): Promise<SessionUser | null> {
  const token = await decodeSessionToken(await requestCookies(), secret);
  if (!token?.sub || isPendingSecondFactor(token)) return null;
  const live = await liveSessionFor(token);
  return live ? { id: token.sub, name: live.name, image: live.image, ...(token.sid ? { sessionId: token.sid } : {}) } : null;
}

/**
 * The request's cookies. In development Next.js resolves `cookies()` through a timer so that React
 * records it as I/O, and React then sends the awaited value — every cookie, the session token
 * included — to the browser's dev tools (security round 2, item 15). Read from Next's request store
 * directly when there is one (page renders, server actions, route handlers); `cookies()` otherwise.
 * tests/security/dev-channel.test.ts holds this to account on a real `npm run dev`.
 */
async function requestCookies() {
  const store = workUnitAsyncStorage.getStore();
  return store?.type === "request" ? store.cookies : cookies();
}

/** Without a configured secret (development without the launcher) NextAuth derives one itself. */
async function userFromNextAuth(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as { id?: string; name?: string | null; image?: string | null } | undefined;
  return user?.id ? { id: user.id, name: user.name ?? null, image: user.image ?? null } : null;
}

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Please sign in to continue.");
  return user;
}

/**
 * For protected pages: the user, or a redirect that comes back to `returnTo` — to the code page
 * when an OAuth sign-in waits for its second factor, else to sign-in.
 */
export async function requirePageUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user) return user;
  const callbackUrl = encodeURIComponent(safeCallbackPath(returnTo));
  if (await getPendingSignIn()) redirect(`/sign-in/two-factor?callbackUrl=${callbackUrl}`);
  redirect(`/sign-in?callbackUrl=${callbackUrl}`);
}

/** The OAuth sign-in of this request that waits for its second factor (live, in time), or null. */
export async function getPendingSignIn(): Promise<{ userId: string; name: string | null } | null> {
  const secret = getAuthOptions().secret;
  if (!secret) return null;
  const token = await decodeSessionToken(await requestCookies(), secret);
  if (!token?.sub || !isPendingSecondFactor(token) || pendingExpired(token)) return null;
  const live = await liveSessionFor(token);
  return live ? { userId: token.sub, name: live.name } : null;
}
