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
import { buildProviders } from "./providers";
import { bumpSessionVersion, getSessionVersion, liveSessionOf, type LiveSession } from "./session-version";

/** 14 days; the token is re-issued (sliding) at most once a day. */
export const SESSION_MAX_AGE = 14 * 24 * 60 * 60;

const adapterUserSelect = { id: true, name: true, email: true, emailVerified: true, image: true } as const;
const ACCOUNT_FIELDS = [
  "type", "provider", "providerAccountId", "refresh_token", "access_token", "expires_at",
  "token_type", "scope", "id_token", "session_state",
] as const;

/**
 * The Prisma adapter, narrowed: users come back without hashedPassword (explicit selects), OAuth
 * users get emailVerified set (profiles only carry provider-verified emails, see providers.ts), and
 * only the Account columns of seed 001 are written, whatever else a token endpoint returns.
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
    getUserByEmail: async (email) =>
      (await db.user.findUnique({ where: { email }, select: adapterUserSelect })) as AdapterUser | null,
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

/** The token NextAuth signs: user id, display fields and the session version. No email, no secrets. */
export interface ParleyToken extends JWT {
  sv?: number;
}

/**
 * The live session behind a decoded token, or null when it is over: the user was deleted, signed
 * out elsewhere or changed the password (the token's version is behind).
 */
export async function liveSessionFor(token: ParleyToken): Promise<LiveSession | null> {
  if (!token.sub) return null;
  const live = await liveSessionOf(token.sub);
  return live && live.sessionVersion === (token.sv ?? 0) ? live : null;
}

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
      async jwt({ token, user }): Promise<ParleyToken> {
        if (user) {
          // Sign-in: a fresh token, deliberately without email.
          return { sub: user.id, name: user.name ?? null, picture: user.image ?? null, sv: await getSessionVersion(user.id) };
        }
        const current = token as ParleyToken;
        if (!current.sub) throw new SessionRevokedError("token without subject");
        const live = await liveSessionFor(current);
        if (!live) throw new SessionRevokedError("session revoked");
        return { sub: current.sub, name: live.name, picture: live.image, sv: live.sessionVersion, iat: current.iat, exp: current.exp, jti: current.jti };
      },
      async session({ session, token }) {
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
      // Sign-out ends the session everywhere: every token issued before stops working.
      async signOut({ token }) {
        if (token?.sub) await bumpSessionVersion(token.sub);
      },
    },
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && (metadata as { name?: string })?.name === "SessionRevokedError") return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        if (code !== "DEBUG_ENABLED") console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
  return cached;
}
