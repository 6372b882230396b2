// Sessions and devices (issue #17, OWASP ASVS 5.0 V7.4/V7.5): every sign-in creates a UserSession
// whose id is the JWT's `sid` claim; the live-session check (lib/auth/session-version.ts) accepts a
// token only while its session is not signed out. I can list my sessions (device, address, last
// active), sign out one, or all but this one. A sign-in from a device (User-Agent) the account has
// not used before mails a notice. lastActiveAt is written at most once a minute per session.
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { forgetLiveSession } from "@/lib/auth/session-version";
import { sendMailInBackground } from "@/lib/mail/mailer";
import { templates } from "@/lib/mail/templates";
import { endConnections } from "@/lib/realtime/publisher";
import { securityLog } from "@/lib/security/log";
import { describeDevice } from "./device";

/** NextAuth's session lifetime: a session not used for longer is gone anyway. */
const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
export const SESSION_TOUCH_MS = 60_000;

export interface SessionContext {
  userAgent: string | null;
  ip: string | null;
}

/** At sign-in: a new session record (its id goes into the token), and a notice when the device is new. */
export async function startSession(userId: string, context: SessionContext, now = new Date()): Promise<string> {
  const userAgent = context.userAgent?.slice(0, 300) || null;
  const [earlier, sameDevice] = await Promise.all([
    db.userSession.count({ where: { userId } }),
    userAgent ? db.userSession.count({ where: { userId, userAgent } }) : Promise.resolve(0),
  ]);
  // Sessions past NextAuth's lifetime cannot be used any more: drop them.
  await db.userSession.deleteMany({ where: { userId, lastActiveAt: { lt: new Date(now.getTime() - SESSION_LIFETIME_MS) } } });
  const session = await db.userSession.create({
    data: { userId, userAgent, ip: context.ip?.slice(0, 64) || null, createdAt: now, lastActiveAt: now },
    select: { id: true },
  });
  forgetLiveSession(userId);
  if (earlier > 0 && sameDevice === 0) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (user?.email) {
      sendMailInBackground(
        user.email,
        templates.newSignIn({ device: describeDevice(userAgent), ip: context.ip ?? "unknown", when: now, settingsUrl: settingsUrl() }),
      );
    }
    securityLog("session.new_device", { userId, ip: context.ip ?? undefined });
  }
  return session.id;
}

function settingsUrl(): string {
  const base = (serverEnv().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  return `${base}/settings`;
}

const lastTouched = new Map<string, number>();

/** Records that a session was used now, at most once a minute per session per process. Never throws. */
export async function touchSession(sessionId: string, now = Date.now()): Promise<void> {
  const previous = lastTouched.get(sessionId);
  if (previous !== undefined && now - previous < SESSION_TOUCH_MS) return;
  lastTouched.set(sessionId, now);
  if (lastTouched.size > 50_000) lastTouched.clear();
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastActiveAt: new Date(now) } }).catch(() => {});
}

export interface SessionInfo {
  id: string;
  device: string;
  ip: string | null;
  createdAt: string;
  lastActiveAt: string;
  current: boolean;
}

/** My signed-in sessions, most recently active first. */
export async function listSessions(userId: string, currentSessionId: string | undefined): Promise<SessionInfo[]> {
  const rows = await db.userSession.findMany({
    where: { userId, revokedAt: null, lastActiveAt: { gt: new Date(Date.now() - SESSION_LIFETIME_MS) } },
    orderBy: { lastActiveAt: "desc" },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastActiveAt: true },
    take: 100,
  });
  return rows.map((row) => ({
    id: row.id,
    device: describeDevice(row.userAgent),
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastActiveAt: row.lastActiveAt.toISOString(),
    current: row.id === currentSessionId,
  }));
}

async function revoke(userId: string, where: { id?: string | { not: string } }, reason: string): Promise<number> {
  const { count } = await db.userSession.updateMany({ where: { userId, revokedAt: null, ...where }, data: { revokedAt: new Date() } });
  if (count > 0) {
    forgetLiveSession(userId);
    // Realtime sockets are per user: every one reconnects and signs in again; the ended session's cannot.
    await endConnections([userId]);
    securityLog("session.ended", { userId, reason });
  }
  return count;
}

/** Signs out one of my sessions (404 for an id that is not mine or already over). */
export async function signOutSession(userId: string, sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || sessionId.length > 64) throw new AppError("bad_request", "Choose a session to sign out.");
  const count = await revoke(userId, { id: sessionId }, "signed out from the sessions list");
  if (count === 0) throw new AppError("not_found", "This session is already signed out.");
}

/** Signs out every session of mine except the current one. */
export async function signOutOtherSessions(userId: string, currentSessionId: string | undefined): Promise<{ count: number }> {
  if (!currentSessionId) throw new AppError("bad_request", "Sign in again to manage your sessions.");
  return { count: await revoke(userId, { id: { not: currentSessionId } }, "signed out other sessions") };
}

/** Sign-out of this session (NextAuth's sign-out). */
export async function endSession(userId: string, sessionId: string): Promise<void> {
  await revoke(userId, { id: sessionId }, "sign-out");
}
