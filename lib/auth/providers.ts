// Sign-in providers. Email + password always; GitHub, Google and one generic OpenID Connect
// provider only when their variables are set. OAuth profiles pass an email on only when the
// provider vouches for it (GitHub: primary + verified; OIDC/Google: email_verified), and NextAuth
// never links an OAuth login to an existing account by email (allowDangerousEmailAccountLinking
// stays off): a login whose email belongs to another account is refused (OAuthAccountNotLinked).
import "server-only";
import type { Profile } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import type { ServerEnv } from "@/lib/config/env";
import { authenticateWithCode } from "@/lib/account/sign-in-code/operations";
import { authenticate } from "./accounts";

export interface ProviderInfo {
  id: string;
  name: string;
}

interface GitHubProfile extends Record<string, unknown> {
  id: number | string;
  login?: string;
  name?: string | null;
  email?: string | null;
  avatar_url?: string | null;
}

interface OidcClaims extends Record<string, unknown> {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  email_verified?: boolean | "true" | "false";
  picture?: string;
}

const verified = (claims: OidcClaims) => claims.email_verified === true || claims.email_verified === "true";
const httpsOrNull = (url: unknown) => (typeof url === "string" && /^https?:\/\//.test(url) ? url : null);

function gitHubProvider(env: ServerEnv): OAuthConfig<GitHubProfile> {
  const userinfoUrl = env.AUTH_GITHUB_USERINFO_URL ?? "https://api.github.com/user";
  return {
    id: "github",
    name: "GitHub",
    type: "oauth",
    authorization: {
      url: env.AUTH_GITHUB_AUTHORIZATION_URL ?? "https://github.com/login/oauth/authorize",
      params: { scope: "read:user user:email" },
    },
    token: env.AUTH_GITHUB_TOKEN_URL ?? "https://github.com/login/oauth/access_token",
    userinfo: {
      url: userinfoUrl,
      async request({ tokens }) {
        const headers = { Authorization: `Bearer ${tokens.access_token}`, Accept: "application/json" };
        const response = await fetch(userinfoUrl, { headers });
        if (!response.ok) throw new Error(`GitHub user request failed: ${response.status}`);
        const profile = (await response.json()) as GitHubProfile;
        // The public profile email is one GitHub has verified; otherwise use the primary verified one.
        if (!profile.email) {
          const emails = await fetch(`${userinfoUrl}/emails`, { headers });
          if (emails.ok) {
            const list = (await emails.json()) as { email: string; primary: boolean; verified: boolean }[];
            profile.email = list.find((e) => e.primary && e.verified)?.email ?? null;
          }
        }
        return profile as unknown as Profile;
      },
    },
    checks: ["state"],
    profile: (profile) => ({
      id: String(profile.id),
      name: profile.name ?? profile.login ?? null,
      email: profile.email?.toLowerCase() ?? null,
      image: httpsOrNull(profile.avatar_url),
    }),
    clientId: env.AUTH_GITHUB_ID,
    clientSecret: env.AUTH_GITHUB_SECRET,
  };
}

function oidcProfile(claims: OidcClaims) {
  return {
    id: claims.sub,
    name: claims.name ?? claims.preferred_username ?? null,
    email: verified(claims) && claims.email ? claims.email.toLowerCase() : null,
    image: httpsOrNull(claims.picture),
  };
}

function oidcProvider(env: ServerEnv): OAuthConfig<OidcClaims> {
  const issuer = env.AUTH_OIDC_ISSUER!.replace(/\/$/, "");
  return {
    id: "oidc",
    name: env.AUTH_OIDC_NAME ?? "OpenID Connect",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: oidcProfile,
    clientId: env.AUTH_OIDC_CLIENT_ID,
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
  };
}

export function buildProviders(env: ServerEnv): Provider[] {
  const providers: Provider[] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        totp: { label: "Code", type: "text" },
      },
      // Rate limits run before this, in app/api/auth/[...nextauth]/route.ts (to answer 429).
      authorize: (credentials) => authenticate(credentials),
    }),
    CredentialsProvider({
      id: "email-code",
      name: "E-mailed code",
      credentials: {
        email: { label: "Email", type: "email" },
        code: { label: "Code", type: "text" },
        totp: { label: "Authentication code", type: "text" },
      },
      // The same sign-in limits as the password run before this (app/api/auth/[...nextauth]/route.ts).
      authorize: (credentials) => authenticateWithCode(credentials),
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) providers.push(gitHubProvider(env));
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(
      GoogleProvider({
        clientId: env.AUTH_GOOGLE_ID,
        clientSecret: env.AUTH_GOOGLE_SECRET,
        profile: (claims) => oidcProfile(claims as OidcClaims),
      }),
    );
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET) providers.push(oidcProvider(env));
  return providers;
}

/** The OAuth buttons to show: configured providers only. */
export function oauthProviderList(env: ServerEnv): ProviderInfo[] {
  const list: ProviderInfo[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) list.push({ id: "google", name: "Google" });
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET) {
    list.push({ id: "oidc", name: env.AUTH_OIDC_NAME ?? "OpenID Connect" });
  }
  return list;
}
