// The auth-related configuration (lib/config/env.ts) and which sign-in buttons it produces.
import { describe, expect, it } from "vitest";
import { ConfigError, parseServerEnv } from "@/lib/config/env";
import { buildProviders, oauthProviderList } from "./providers";

const base = {
  DATABASE_URL: "postgresql://u@127.0.0.1:5432/db",
  PUSHER_APP_ID: "1",
  PUSHER_KEY: "k",
  PUSHER_SECRET: "s",
};

const problems = (env: Record<string, string>) => {
  try {
    parseServerEnv(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe("auth configuration", () => {
  it("shows only the email form when no provider is configured", () => {
    const env = parseServerEnv(base);
    expect(oauthProviderList(env)).toEqual([]);
    // Password and e-mailed code (issue #17) are always there; neither is an OAuth button.
    // (NextAuth merges a provider's `options` over its defaults: that is where a Credentials provider's id is.)
    const ids = buildProviders(env).map((p) => (p as { options?: { id?: string } }).options?.id ?? p.id);
    expect(ids).toEqual(["credentials", "email-code"]);
    expect(env.AUTH_RATE_LIMIT_PER_IP).toBe(30);
  });

  it("adds a button per configured provider", () => {
    const env = parseServerEnv({
      ...base,
      AUTH_GITHUB_ID: "gh",
      AUTH_GITHUB_SECRET: "ghs",
      AUTH_GOOGLE_ID: "g",
      AUTH_GOOGLE_SECRET: "gs",
      AUTH_OIDC_ISSUER: "https://sso.example.org/realms/main",
      AUTH_OIDC_CLIENT_ID: "parley",
      AUTH_OIDC_CLIENT_SECRET: "oidc-secret",
      AUTH_OIDC_NAME: "Company SSO",
    });
    expect(oauthProviderList(env)).toEqual([
      { id: "github", name: "GitHub" },
      { id: "google", name: "Google" },
      { id: "oidc", name: "Company SSO" },
    ]);
    const oidc = buildProviders(env).find((p) => p.id === "oidc") as { wellKnown?: string; idToken?: boolean };
    expect(oidc.wellKnown).toBe("https://sso.example.org/realms/main/.well-known/openid-configuration");
    expect(oidc.idToken).toBe(true);
  });

  it("names the missing half of a provider's settings", () => {
    expect(problems({ ...base, AUTH_GITHUB_ID: "gh" })).toEqual([
      "AUTH_GITHUB_SECRET is required for GitHub sign-in (AUTH_GITHUB_ID is set)",
    ]);
    expect(problems({ ...base, AUTH_OIDC_ISSUER: "https://sso.example.org" })).toHaveLength(2);
    expect(problems({ ...base, AUTH_OIDC_ISSUER: "not a url", AUTH_OIDC_CLIENT_ID: "a", AUTH_OIDC_CLIENT_SECRET: "b" })[0]).toMatch(
      /^AUTH_OIDC_ISSUER/,
    );
  });

  it("requires https for NEXTAUTH_URL in production, except on this machine", () => {
    const prod = {
      ...base,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "x".repeat(32),
      SMTP_URL: "smtp://mail.example.org",
      MAIL_FROM: "p@example.org",
      VAPID_PUBLIC_KEY: `B${"A".repeat(86)}`,
      VAPID_PRIVATE_KEY: "a".repeat(43),
    };
    expect(problems({ ...prod, NEXTAUTH_URL: "http://chat.example.org" })[0]).toMatch(/^NEXTAUTH_URL must be an https/);
    expect(problems({ ...prod, NEXTAUTH_URL: "https://chat.example.org" })).toEqual([]);
    expect(problems({ ...prod, NEXTAUTH_URL: "http://localhost:3100" })).toEqual([]);
  });
});
