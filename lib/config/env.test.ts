import { describe, expect, it } from "vitest";
import { ConfigError, parseServerEnv } from "./env";

const base = {
  DATABASE_URL: "postgresql://u@127.0.0.1:5432/parley",
  PUSHER_APP_ID: "1",
  PUSHER_KEY: "k",
  PUSHER_SECRET: "s",
  // Web Push keys (issue 16), required in production: shaped like `web-push generate-vapid-keys`.
  VAPID_PUBLIC_KEY: `B${"A".repeat(86)}`,
  VAPID_PRIVATE_KEY: "a".repeat(43),
};

const smtp = { SMTP_URL: "smtp://mail.example.com:587", MAIL_FROM: "Parley <no-reply@example.com>" };

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseServerEnv(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.format().split("\n");
    throw error;
  }
}

describe("server configuration", () => {
  it("infers the database provider from the URL", () => {
    expect(parseServerEnv(base).databaseProvider).toBe("postgresql");
    expect(parseServerEnv({ ...base, DATABASE_URL: "mongodb+srv://u:p@cluster0.example.net/parley" }).databaseProvider).toBe("mongodb");
  });

  it("names each wrong variable on its own line", () => {
    expect(problems({ ...base, DATABASE_URL: undefined, PUSHER_KEY: undefined })).toEqual([
      "config error: DATABASE_URL is required (a postgresql:// or mongodb:// URL; unset it locally to use the embedded database)",
      "config error: PUSHER_KEY is required",
    ]);
  });

  it("refuses a provider that contradicts the URL", () => {
    expect(problems({ ...base, DATABASE_PROVIDER: "mongodb" })).toEqual([
      "config error: DATABASE_PROVIDER is mongodb but DATABASE_URL is a PostgreSQL URL",
    ]);
  });

  it("requires NEXTAUTH_SECRET in production", () => {
    expect(problems({ ...base, ...smtp, NODE_ENV: "production" })).toEqual([
      "config error: NEXTAUTH_SECRET is required in production (openssl rand -base64 32)",
    ]);
  });

  it("requires the S3 variables together", () => {
    expect(problems({ ...base, S3_BUCKET: "uploads" })).toEqual([
      "config error: S3_BUCKET must be set together with S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (all three for S3 storage, none for the local disk)",
    ]);
    expect(problems({ ...base, S3_BUCKET: "uploads", S3_ACCESS_KEY_ID: "a", S3_SECRET_ACCESS_KEY: "b" })).toEqual([]);
  });

  it("treats empty values as unset", () => {
    expect(parseServerEnv({ ...base, PUSHER_HOST: "", REDIS_URL: "" }).PUSHER_HOST).toBeUndefined();
  });

  it("refuses a non-https NEXTAUTH_URL in production, except on loopback (local tests)", () => {
    const prod = { ...base, ...smtp, NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) };
    expect(problems({ ...prod, NEXTAUTH_URL: "http://chat.example.com" })).toEqual([
      "config error: NEXTAUTH_URL must be an https:// URL in production (session cookies are only Secure over https)",
    ]);
    for (const url of ["https://chat.example.com", "http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      expect(problems({ ...prod, NEXTAUTH_URL: url }), url).toEqual([]);
    }
    expect(problems({ ...base, NEXTAUTH_URL: "http://chat.example.com" })).toEqual([]); // development
  });

  it("on Vercel or with several instances, requires S3 storage and Redis (one line each)", () => {
    expect(problems({ ...base, VERCEL: "1" })).toEqual([
      "config error: S3_BUCKET is required on Vercel: uploads on the local disk are not shared between instances (set S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)",
      "config error: REDIS_URL is required on Vercel: in-process rate limits would multiply by the number of instances",
    ]);
    expect(problems({ ...base, PARLEY_INSTANCES: "3", REDIS_URL: "redis://127.0.0.1:6379" })).toEqual([
      "config error: S3_BUCKET is required with PARLEY_INSTANCES=3: uploads on the local disk are not shared between instances (set S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)",
    ]);
    const shared = { S3_BUCKET: "uploads", S3_ACCESS_KEY_ID: "a", S3_SECRET_ACCESS_KEY: "b", REDIS_URL: "redis://127.0.0.1:6379" };
    expect(problems({ ...base, VERCEL: "1", ...shared })).toEqual([]);
    expect(problems({ ...base, PARLEY_INSTANCES: "2", ...shared })).toEqual([]);
    expect(problems({ ...base, PARLEY_INSTANCES: "1" })).toEqual([]);
  });

  it("sends mail by SMTP when configured, keeps it in the outbox otherwise, and refuses production without SMTP", () => {
    expect(parseServerEnv(base).mailTransport).toBe("outbox");
    expect(parseServerEnv({ ...base, ...smtp }).mailTransport).toBe("smtp");
    expect(parseServerEnv({ ...base, SMTP_HOST: "mail.example.com", SMTP_PORT: "465", SMTP_SECURE: "true" }).mailTransport).toBe("smtp");
    const prod = { ...base, NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) };
    expect(problems(prod)).toEqual([
      "config error: SMTP_URL is required in production: e-mail verification, password reset and sign-in codes send mail (set SMTP_URL or SMTP_HOST, and MAIL_FROM)",
    ]);
    expect(problems({ ...prod, SMTP_URL: smtp.SMTP_URL })).toEqual([
      "config error: MAIL_FROM is required in production with SMTP (e.g. Parley <no-reply@example.com>)",
    ]);
    expect(problems({ ...prod, ...smtp })).toEqual([]);
    // Test and benchmark runs of the production build may say so explicitly.
    expect(problems({ ...prod, MAIL_TRANSPORT: "outbox" })).toEqual([]);
    expect(problems({ ...base, MAIL_TRANSPORT: "smtp" })).toEqual([
      "config error: SMTP_URL is required with MAIL_TRANSPORT=smtp (or SMTP_HOST)",
    ]);
    expect(problems({ ...base, SMTP_URL: "http://mail.example.com" })).toEqual([
      "config error: SMTP_URL must be an smtp:// or smtps:// URL",
    ]);
    expect(problems({ ...base, ...smtp, SMTP_HOST: "other" })).toEqual([
      "config error: SMTP_HOST cannot be set together with SMTP_URL: use one of them",
    ]);
  });

  it("configures the assistant only with a valid endpoint and a model, with defaults for its limits", () => {
    const env = parseServerEnv(base);
    expect(env.AI_BASE_URL).toBeUndefined();
    expect([env.AI_RATE_LIMIT_PER_MINUTE, env.AI_DAILY_TOKEN_BUDGET, env.AI_MAX_CONTEXT_MESSAGES]).toEqual([10, 100_000, 30]);
    expect([env.AI_MAX_CONTEXT_CHARS, env.AI_TIMEOUT_SECONDS, env.AI_CHAT_RATE_LIMIT_PER_MINUTE]).toEqual([12_000, 60, 30]);
    expect(parseServerEnv({ ...base, AI_BASE_URL: "http://127.0.0.1:11434/v1", AI_MODEL: "llama3" }).AI_MODEL).toBe("llama3");
    expect(problems({ ...base, AI_BASE_URL: "http://127.0.0.1:11434/v1" })).toEqual([
      "config error: AI_MODEL is required with AI_BASE_URL (the model name the endpoint serves)",
    ]);
    expect(problems({ ...base, AI_BASE_URL: "ftp://x", AI_MODEL: "m" })[0]).toContain("AI_BASE_URL");
    expect(problems({ ...base, AI_RATE_LIMIT_PER_MINUTE: "0" })[0]).toContain("AI_RATE_LIMIT_PER_MINUTE");
    expect(problems({ ...base, AI_CHAT_RATE_LIMIT_PER_MINUTE: "many" })[0]).toContain("AI_CHAT_RATE_LIMIT_PER_MINUTE");
  });

  it("AI_PROVIDER: openai-compatible by default; anthropic and google need AI_MODEL and AI_API_KEY, AI_BASE_URL optional", () => {
    expect(parseServerEnv(base).AI_PROVIDER).toBe("openai-compatible");
    const anthropic = { ...base, AI_PROVIDER: "anthropic", AI_MODEL: "claude-sonnet-4-5", AI_API_KEY: "k" };
    expect(parseServerEnv(anthropic).AI_PROVIDER).toBe("anthropic");
    expect(parseServerEnv({ ...anthropic, AI_PROVIDER: "google", AI_BASE_URL: "https://proxy.example.com/v1beta" }).AI_PROVIDER).toBe(
      "google",
    );
    expect(problems({ ...base, AI_PROVIDER: "anthropic" })).toEqual([
      "config error: AI_MODEL is required with AI_PROVIDER=anthropic (e.g. claude-sonnet-4-5)",
      "config error: AI_API_KEY is required with AI_PROVIDER=anthropic (the provider's API key)",
    ]);
    expect(problems({ ...base, AI_PROVIDER: "google", AI_MODEL: "gemini-2.5-flash" })).toEqual([
      "config error: AI_API_KEY is required with AI_PROVIDER=google (the provider's API key)",
    ]);
    expect(problems({ ...base, AI_PROVIDER: "openai" })).toEqual([
      "config error: AI_PROVIDER must be openai-compatible, anthropic or google",
    ]);
  });

  it("requires the VAPID key pair in production (Web Push) and checks its shape", () => {
    const prod = { ...base, ...smtp, NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) };
    expect(problems({ ...prod, VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined })).toEqual([
      "config error: VAPID_PUBLIC_KEY is required in production, with VAPID_PRIVATE_KEY / VAPID_PUBLIC_KEY (npx web-push generate-vapid-keys)",
    ]);
    expect(problems({ ...prod, VAPID_PUBLIC_KEY: "short" })).toEqual([
      "config error: VAPID_PUBLIC_KEY must be a base64url P-256 public key (npx web-push generate-vapid-keys)",
    ]);
    expect(problems(prod)).toEqual([]);
  });

  it("calls (issue 18): ICE_SERVERS must be a JSON list of ICE servers, TURN_URLS needs TURN_SECRET, the ring timeout is bounded", () => {
    expect(
      parseServerEnv({
        ...base,
        ICE_SERVERS: '[{"urls":"stun:stun.example.com"},{"urls":["turn:t.example.com"],"username":"u","credential":"c"}]',
      }).ICE_SERVERS,
    ).toBeDefined();
    expect(problems({ ...base, ICE_SERVERS: "stun:stun.example.com" }).join()).toMatch(/ICE_SERVERS/);
    expect(problems({ ...base, ICE_SERVERS: '[{"url":"stun:x"}]' }).join()).toMatch(/ICE_SERVERS/);
    expect(problems({ ...base, TURN_URLS: "turn:t.example.com:3478" }).join()).toMatch(/TURN_SECRET/);
    expect(problems({ ...base, CALL_RING_TIMEOUT_SECONDS: "0" }).join()).toMatch(/CALL_RING_TIMEOUT_SECONDS/);
    expect(parseServerEnv(base).CALL_RING_TIMEOUT_SECONDS).toBe(30);
  });
});
