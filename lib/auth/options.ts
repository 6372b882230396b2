// NextAuth configuration: JWT sessions (Credentials requires them; there is no Session model),
// the Prisma adapter for OAuth users and accounts, and session revocation through
// UserSecurity.sessionVersion. Built on first use, not at import, so `next build` needs no config.
import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import type { JWT } from "next-auth/jwt";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { securityLog } from "@/lib/security/log";
import { endSession, startSession, type SessionContext } from "@/lib/account/sessions/operations";
import { clientIp } from "@/lib/http/request";
import { headers } from "next/headers";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { asksAfterOAuth } from "@/lib/account/two-factor/operations";
import { isPendingSecondFactor, pendingExpired, pendingToken } from "@/lib/account/two-factor/pending-state";
import { buildProviders } from "./providers";
import { bumpSessionVersion, getSessionVersion, liveSessionOf, type LiveSession } from "./session-version";

/** 14 days; the token is re-issued (sliding) at most once a day. */
export const SESSION_MAX_AGE = 14 * 24 * 60 * 60;

const adapterUserSelect = { id: true, name: true, email: true, emailVerified: true, image: true } as const;
/**
 * The Account columns Parley writes. The provider's tokens (access, refresh, id token, session
 * state) are never stored: Parley signs people in and never calls a provider's API afterwards, so a
 * stolen database holds no token to use (security round 2, item 13).
 */
const ACCOUNT_FIELDS = ["type", "provider", "providerAccountId", "expires_at", "token_type", "scope"] as const;

/**
 * The Prisma adapter, narrowed: users come back without hashedPassword (explicit selects), OAuth
 * users get emailVerified set (profiles only carry provider-verified emails, see providers.ts), and
 * only the non-secret Account columns are written, whatever else a token endpoint returns.
 * An address held by a password account that never verified it does not block its real owner: a
 * provider-verified OAuth sign-in with that address releases it (the unverified account keeps its
 * data but loses the address, so it can no longer sign in with it) and gets a new account; the two
 * are never linked, since whoever typed the address knows that account's password.
 */
export function createAdapter(): Adapter {
  const base = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...base,
    createUser: async (data: Omit<AdapterUser, "id">) =>
      (await db.user.create({
        data: {
          name: data.name ?? null,
          email: data.email ?? null,
          image: data.image ?? null,
          emailVerified: data.email ? (data.emailVerified ?? new Date()) : null,
        },
        select: adapterUserSelect,
      })) as AdapterUser,
    getUser: async (id) => (await db.user.findUnique({ where: { id }, select: adapterUserSelect })) as AdapterUser | null,
    getUserByEmail: async (email) => {
      const user = await db.user.findUnique({ where: { email }, select: adapterUserSelect });
      if (user && !user.emailVerified) {
        // NextAuth asks only for OAuth sign-ins here (no e-mail provider), with a provider-verified address.
        await db.user.update({ where: { id: user.id }, data: { email: null }, select: { id: true } });
        securityLog("account.email_released", { userId: user.id, email });
        return null;
      }
      return user as AdapterUser | null;
    },
    getUserByAccount: async ({ provider, providerAccountId }) => {
      const account = await db.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: adapterUserSelect } },
      });
      return (account?.user ?? null) as AdapterUser | null;
    },
    updateUser: async ({ id, ...data }) =>
      (await db.user.update({
        where: { id },
        data: { name: data.name, image: data.image, emailVerified: data.emailVerified },
        select: adapterUserSelect,
      })) as AdapterUser,
    linkAccount: async (account: AdapterAccount) => {
      const data: Record<string, unknown> = { userId: account.userId };
      for (const field of ACCOUNT_FIELDS) {
        const value = account[field];
        if (value !== undefined && value !== null) data[field] = field === "expires_at" ? Math.trunc(Number(value)) : value;
      }
      await db.account.create({ data: data as Parameters<typeof db.account.create>[0]["data"], select: { id: true } });
    },
  };
}

export class SessionRevokedError extends Error {
  override name = "SessionRevokedError";
}

/** The token NextAuth signs: user id, display fields, the session version and session id. No email, no secrets. */
export interface ParleyToken extends JWT {
  sv?: number;
  /** The UserSession of this sign-in (tokens issued before sessions were recorded have none). */
  sid?: string;
  /**
   * Set while an OAuth sign-in waits for its second factor (ms since the epoch when it began): such
   * a token is no session at all (lib/account/two-factor/pending.ts).
   */
  p2f?: number;
}

/** Who is signing in from where, for the session record: the sign-in request's headers when there is one. */
async function signInContext(): Promise<SessionContext> {
  try {
    const store = workUnitAsyncStorage.getStore();
    const requestHeaders = store?.type === "request" ? store.headers : await headers();
    return { userAgent: requestHeaders.get("user-agent"), ip: clientIp(requestHeaders) };
  } catch {
    return { userAgent: null, ip: null };
  }
}

/**
 * The live session behind a decoded token, or null when it is over: the user was deleted, signed
 * out elsewhere or changed the password (the token's version is behind).
 */
export async function liveSessionFor(token: ParleyToken): Promise<LiveSession | null> {
  if (!token.sub) return null;
  const live = await liveSessionOf(token.sub);
  if (!live || live.sessionVersion !== (token.sv ?? 0)) return null;
  // A token with a session id lives only while that session is not signed out.
  return !token.sid || live.sessionIds.includes(token.sid) ? live : null;
}

/** NextAuth's codes are UPPER_SNAKE words: anything else is cut down to that alphabet and length. */
export const logCode = (code: unknown): string =>
  String(code)
    .replace(/[^A-Z0-9_]/gi, "")
    .slice(0, 64) || "UNKNOWN";

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = serverEnv();
  cached = {
    secret: env.NEXTAUTH_SECRET,
    adapter: createAdapter(),
    providers: buildProviders(env),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE, updateAge: 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // Cookies: NextAuth marks them httpOnly + SameSite=Lax always, and Secure with the __Secure-/
    // __Host- prefixes whenever NEXTAUTH_URL is https (i.e. in any real production deployment).
    callbacks: {
      async jwt({ token, user, account }): Promise<ParleyToken> {
        if (user) {
          // An OAuth sign-in of a user who asked for it: pending until the code (no session yet).
          if (account && account.type !== "credentials" && (await asksAfterOAuth(user.id))) {
            securityLog("signin.second_factor_pending", { userId: user.id, reason: account.provider });
            return pendingToken(user, await getSessionVersion(user.id));
          }
          // Sign-in: a fresh token, deliberately without email.
          const [sv, sid] = await Promise.all([getSessionVersion(user.id), startSession(user.id, await signInContext())]);
          return { sub: user.id, name: user.name ?? null, picture: user.image ?? null, sv, sid };
        }
        const current = token as ParleyToken;
        if (!current.sub) throw new SessionRevokedError("token without subject");
        if (isPendingSecondFactor(current) && pendingExpired(current)) throw new SessionRevokedError("second factor not given in time");
        const live = await liveSessionFor(current);
        if (!live) throw new SessionRevokedError("session revoked");
        return {
          sub: current.sub,
          name: live.name,
          picture: live.image,
          sv: live.sessionVersion,
          ...(current.sid ? { sid: current.sid } : {}),
          // A pending token stays pending: only POST /api/account/two-factor/verify replaces it.
          ...(isPendingSecondFactor(current) ? { p2f: current.p2f } : {}),
          iat: current.iat,
          exp: current.exp,
          jti: current.jti,
        };
      },
      async session({ session, token }) {
        // A sign-in waiting for its second factor is nobody (useSession sees no user).
        if (isPendingSecondFactor(token as ParleyToken)) return { expires: session.expires };
        return {
          expires: session.expires,
          user: { id: token.sub, name: token.name ?? null, image: (token.picture as string | null | undefined) ?? null },
        };
      },
      async redirect({ url, baseUrl }) {
        if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // fall through
        }
        return `${baseUrl}/chat`;
      },
    },
    events: {
      // Sign-out ends this session (its UserSession); a token from before sessions were recorded
      // ends every session of the user, as sign-out did then.
      async signOut({ token }) {
        const sid = (token as ParleyToken | null)?.sid;
        // Abandoning a pending sign-in ends nothing else (it has no session of its own).
        if (isPendingSecondFactor(token as ParleyToken | null)) return;
        if (token?.sub && sid) {
          await endSession(token.sub, sid);
        } else if (token?.sub) {
          await bumpSessionVersion(token.sub);
          securityLog("session.ended", { userId: token.sub, reason: "sign-out" });
        }
      },
      async signIn({ user, account }) {
        securityLog("signin.succeeded", { userId: user.id, reason: account?.provider ?? "credentials" });
      },
    },
    // Only NextAuth's own server-side messages reach this logger: the client-log endpoint
    // (/api/auth/_log) is refused in app/api/auth/[...nextauth]/route.ts, and codes are printed
    // as a single sanitized token, so nothing a client sends can forge a log line.
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && (metadata as { name?: string })?.name === "SessionRevokedError") return;
        console.error(`[next-auth][error][${logCode(code)}]`, metadata);
      },
      warn(code) {
        if (code !== "DEBUG_ENABLED") console.warn(`[next-auth][warn][${logCode(code)}]`);
      },
      debug() {},
    },
  };
  return cached;
}
