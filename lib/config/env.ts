// Server configuration, validated once with zod. A missing or malformed variable stops start-up with
// one line naming it (see ConfigError.format). The embedded launcher (scripts/parley.ts) fills in
// DATABASE_URL and PUSHER_* when they are unset, so the app itself always sees a complete config.
import { z } from "zod";

const booleanString = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const databaseUrl = z
  .string({ error: "is required (a postgresql:// or mongodb:// URL; unset it locally to use the embedded database)" })
  .trim()
  .refine((value) => /^(postgres(ql)?|mongodb(\+srv)?):\/\/.+/.test(value), {
    message: "must be a postgresql://… or mongodb://… / mongodb+srv://… URL",
  });

export const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: databaseUrl,
    DATABASE_PROVIDER: z.enum(["postgresql", "mongodb"]).optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),

    PUSHER_APP_ID: z.string({ error: "is required (or unset every PUSHER_* variable locally to use the embedded realtime server)" }).min(1),
    PUSHER_KEY: z.string({ error: "is required" }).min(1),
    PUSHER_SECRET: z.string({ error: "is required" }).min(1),
    PUSHER_CLUSTER: z.string().min(1).default("mt1"),
    /** Host/port of a Pusher-compatible server (the embedded one, soketi, …); unset for hosted Pusher. */
    PUSHER_HOST: optionalString,
    PUSHER_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    PUSHER_USE_TLS: booleanString.default(true),

    NEXTAUTH_URL: z.url().optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),

    // Sign-in providers: each appears only when its variables are set (see lib/auth/providers.ts).
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    /** Overrides for a GitHub-compatible server (GitHub Enterprise, or the mock in the e2e tests). */
    AUTH_GITHUB_AUTHORIZATION_URL: z.url().optional(),
    AUTH_GITHUB_TOKEN_URL: z.url().optional(),
    AUTH_GITHUB_USERINFO_URL: z.url().optional(),
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    /** Any OpenID Connect provider (Keycloak, Authentik, Auth0, …): discovery at {issuer}/.well-known/openid-configuration. */
    AUTH_OIDC_ISSUER: z.url().optional(),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: optionalString,
    /** Sign-in and registration attempts allowed per client IP per 15 minutes (each). */
    AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(30),
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For (1 behind one load
     * balancer or on Vercel). 0 (default): the header is not trusted and the client address is the
     * socket's, which the launcher passes on (scripts/peer-address.cjs).
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** Messages one user may send per 10 seconds (POST /api/conversations/:id/messages); 429 beyond. */
    CHAT_SEND_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(30),
    /** Minutes after sending during which the sender may edit a text message (issue 13). */
    MESSAGE_EDIT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(525_600).default(15),
    /** Minutes after sending during which the sender may delete a message for everyone (group admins: any time). */
    MESSAGE_DELETE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(525_600).default(60),
    /** Uploads (message images and avatars) one user may make per 10 minutes; 429 beyond. */
    UPLOAD_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(30),
    /** Storage one user's uploads may take, in MB (413 beyond). */
    UPLOAD_QUOTA_MB: z.coerce.number().min(1).max(1_000_000).default(200),
    /** Largest attachment per type, in MB (issue 14): images, videos, anything else (audio, voice notes, documents). */
    ATTACHMENT_MAX_IMAGE_MB: z.coerce.number().min(0.001).max(10_000).default(16),
    ATTACHMENT_MAX_VIDEO_MB: z.coerce.number().min(0.001).max(10_000).default(64),
    ATTACHMENT_MAX_FILE_MB: z.coerce.number().min(0.001).max(10_000).default(100),
    /** Data folder (uploads live in {PARLEY_DATA_DIR}/uploads). */
    PARLEY_DATA_DIR: optionalString,

    /** S3-compatible storage for uploads (all three, or none for the local disk). */
    S3_BUCKET: optionalString,
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_REGION: optionalString,
    S3_ENDPOINT: z.url().optional(),

    /**
     * Web Push (issue 16): the VAPID key pair (web-push generateVAPIDKeys, base64url) and the contact
     * push services may use (mailto: or https:). Development and the embedded stack generate the
     * pair into the data folder like NEXTAUTH_SECRET; production requires it.
     */
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{80,100}$/, "must be a base64url P-256 public key (npx web-push generate-vapid-keys)")
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{40,50}$/, "must be a base64url P-256 private key (npx web-push generate-vapid-keys)")
      .optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/).+/, "must be a mailto: or https:// URL")
      .default("mailto:push@parley.invalid"),

    /** A burst of messages in one chat within this many ms makes one push per recipient (issue 16). */
    PUSH_COALESCE_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
    /**
     * "off": this process queues pushes but never sends them (another instance does, through the
     * shared Redis queue; the test suites drain the queue themselves). Default "on".
     */
    PUSH_WORKER: z.enum(["on", "off"]).default("on"),

    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, "must be a redis:// or rediss:// URL")
      .optional(),

    /**
     * How many app instances serve this deployment (default 1). Above 1, and on Vercel (VERCEL=1,
     * set by the platform), uploads must go to S3-compatible storage and rate limits to Redis.
     */
    /**
     * Outgoing mail (e-mail verification, password reset, sign-in codes, notices): SMTP_URL
     * (smtp://user:pass@host:587, smtps://… for TLS on connect), or SMTP_HOST with SMTP_PORT /
     * SMTP_USER / SMTP_PASSWORD / SMTP_SECURE. Without either, development and tests keep mail in
     * {PARLEY_DATA_DIR}/mail (shown at /dev/mail); production refuses to start unless
     * MAIL_TRANSPORT=outbox says so explicitly (test and benchmark runs of the production build).
     */
    SMTP_URL: z
      .string()
      .trim()
      .regex(/^smtps?:\/\/.+/, "must be an smtp:// or smtps:// URL")
      .optional(),
    SMTP_HOST: optionalString,
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SMTP_USER: optionalString,
    SMTP_PASSWORD: optionalString,
    SMTP_SECURE: booleanString.optional(),
    /** The From address of every mail, e.g. `Parley <no-reply@example.com>`. */
    MAIL_FROM: optionalString,
    MAIL_TRANSPORT: z.enum(["smtp", "outbox"]).optional(),

    /**
     * The Parley assistant (issue 19): AI_PROVIDER picks the AI SDK provider, `openai-compatible`
     * (the default: any chat-completions endpoint at AI_BASE_URL — OpenAI, Azure, Ollama, LM Studio,
     * vLLM, llama.cpp server…), `anthropic` or `google` (their own APIs; AI_BASE_URL optional, e.g.
     * a proxy, AI_API_KEY required). Without a provider (openai-compatible with no AI_BASE_URL) the
     * assistant is unavailable: its UI is hidden and its routes answer 404. AI_API_KEY stays on the server.
     */
    AI_PROVIDER: z
      .enum(["openai-compatible", "anthropic", "google"], { error: "must be openai-compatible, anthropic or google" })
      .default("openai-compatible"),
    AI_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL (e.g. https://api.openai.com/v1)" }).optional(),
    AI_MODEL: optionalString,
    AI_API_KEY: optionalString,
    /** Assistant replies one user may ask for per minute; 429 beyond. */
    AI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(10),
    /** Assistant calls (answers, smart replies, catch-ups) in one conversation per minute, all its members together; 429 beyond. */
    AI_CHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
    /** Tokens (prompt + completion) one user's assistant replies may use per UTC day; refused beyond. */
    AI_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(1).max(1_000_000_000).default(100_000),
    /** How many of the conversation's newest messages the assistant sees… */
    AI_MAX_CONTEXT_MESSAGES: z.coerce.number().int().min(1).max(500).default(30),
    /** …and at most how many characters of them in all. */
    AI_MAX_CONTEXT_CHARS: z.coerce.number().int().min(100).max(1_000_000).default(12_000),
    /** A reply that takes longer is stopped and reported as failed. */
    AI_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),

    /** Calls (issue 18): seconds a call rings before it becomes missed (tests shorten it). */
    CALL_RING_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    /**
     * Calls' ICE servers: ICE_SERVERS, a JSON array of RTCIceServer ({ urls, username?, credential? }),
     * is given to callers as is; or STUN_URLS / TURN_URLS (comma-separated stun:/turn:/turns: URLs), with
     * TURN_SECRET: short-lived TURN REST credentials (coturn `use-auth-secret`), TURN_TTL_SECONDS long,
     * issued only to a call's participants. Nothing set: no ICE servers (host candidates only).
     */
    ICE_SERVERS: optionalString,
    STUN_URLS: optionalString,
    TURN_URLS: optionalString,
    TURN_SECRET: optionalString,
    TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),

    PARLEY_INSTANCES: z.coerce.number().int().min(1).max(10_000).default(1),
    VERCEL: optionalString,
  })
  .transform((env) => ({
    ...env,
    databaseProvider: env.DATABASE_PROVIDER ?? (env.DATABASE_URL.startsWith("mongodb") ? "mongodb" : "postgresql"),
    /** How mail leaves: SMTP when configured, else the local outbox (refused in production unless MAIL_TRANSPORT=outbox). */
    mailTransport: env.MAIL_TRANSPORT ?? (env.SMTP_URL || env.SMTP_HOST ? "smtp" : "outbox"),
  }))
  .superRefine((env, ctx) => {
    const s3 = [env.S3_BUCKET, env.S3_ACCESS_KEY_ID, env.S3_SECRET_ACCESS_KEY];
    if (s3.some(Boolean) && !s3.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_BUCKET"],
        message: "must be set together with S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (all three for S3 storage, none for the local disk)",
      });
    }
    const urlIsMongo = env.DATABASE_URL.startsWith("mongodb");
    if ((env.databaseProvider === "mongodb") !== urlIsMongo) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_PROVIDER"],
        message: `is ${env.databaseProvider} but DATABASE_URL is a ${urlIsMongo ? "MongoDB" : "PostgreSQL"} URL`,
      });
    }
    const together: [string, ...(keyof typeof env)[]][] = [
      ["GitHub sign-in", "AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["Google sign-in", "AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
      ["OIDC sign-in", "AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"],
    ];
    for (const [feature, ...names] of together) {
      const set = names.filter((name) => env[name] !== undefined);
      if (set.length > 0 && set.length < names.length) {
        for (const name of names.filter((n) => env[n] === undefined)) {
          ctx.addIssue({ code: "custom", path: [name], message: `is required for ${feature} (${set.join(", ")} is set)` });
        }
      }
    }
    if (env.NODE_ENV === "production" && env.NEXTAUTH_URL?.startsWith("http://")) {
      // Session cookies are Secure (and __Secure-/__Host- prefixed) only when the site is https.
      const host = new URL(env.NEXTAUTH_URL).hostname;
      if (!["localhost", "127.0.0.1", "[::1]"].includes(host)) {
        ctx.addIssue({
          code: "custom",
          path: ["NEXTAUTH_URL"],
          message: "must be an https:// URL in production (session cookies are only Secure over https)",
        });
      }
    }
    // Several instances (or Vercel's serverless functions): a file on one instance's disk is missing
    // on the others (and on Vercel vanishes), and in-process rate limits multiply by the instance count.
    const scaledOut = env.VERCEL === "1" ? "on Vercel" : env.PARLEY_INSTANCES > 1 ? `with PARLEY_INSTANCES=${env.PARLEY_INSTANCES}` : null;
    if (scaledOut && !env.S3_BUCKET) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_BUCKET"],
        message: `is required ${scaledOut}: uploads on the local disk are not shared between instances (set S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)`,
      });
    }
    if (scaledOut && !env.REDIS_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_URL"],
        message: `is required ${scaledOut}: in-process rate limits would multiply by the number of instances`,
      });
    }
    if (env.AI_PROVIDER === "openai-compatible" && env.AI_BASE_URL && !env.AI_MODEL) {
      ctx.addIssue({ code: "custom", path: ["AI_MODEL"], message: "is required with AI_BASE_URL (the model name the endpoint serves)" });
    }
    if (env.AI_PROVIDER !== "openai-compatible") {
      const example = env.AI_PROVIDER === "anthropic" ? "claude-sonnet-4-5" : "gemini-2.5-flash";
      if (!env.AI_MODEL) {
        ctx.addIssue({ code: "custom", path: ["AI_MODEL"], message: `is required with AI_PROVIDER=${env.AI_PROVIDER} (e.g. ${example})` });
      }
      if (!env.AI_API_KEY) {
        ctx.addIssue({
          code: "custom",
          path: ["AI_API_KEY"],
          message: `is required with AI_PROVIDER=${env.AI_PROVIDER} (the provider's API key)`,
        });
      }
    }
    if (env.ICE_SERVERS !== undefined && !isIceServerList(env.ICE_SERVERS)) {
      ctx.addIssue({
        code: "custom",
        path: ["ICE_SERVERS"],
        message: 'must be a JSON array of ICE servers, e.g. [{"urls":"stun:stun.example.com"}]',
      });
    }
    if (env.TURN_URLS && !env.TURN_SECRET) {
      ctx.addIssue({ code: "custom", path: ["TURN_SECRET"], message: "is required with TURN_URLS (the TURN server's REST shared secret)" });
    }
    if (env.mailTransport === "smtp" && !env.SMTP_URL && !env.SMTP_HOST) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "is required with MAIL_TRANSPORT=smtp (or SMTP_HOST)" });
    }
    if (env.SMTP_URL && env.SMTP_HOST) {
      ctx.addIssue({ code: "custom", path: ["SMTP_HOST"], message: "cannot be set together with SMTP_URL: use one of them" });
    }
    if (env.NODE_ENV === "production" && !env.MAIL_TRANSPORT && env.mailTransport === "outbox") {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message:
          "is required in production: e-mail verification, password reset and sign-in codes send mail (set SMTP_URL or SMTP_HOST, and MAIL_FROM)",
      });
    }
    if (env.NODE_ENV === "production" && env.mailTransport === "smtp" && !env.MAIL_FROM) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: "is required in production with SMTP (e.g. Parley <no-reply@example.com>)",
      });
    }
    if (env.NODE_ENV === "production" && (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.VAPID_PUBLIC_KEY ? "VAPID_PRIVATE_KEY" : "VAPID_PUBLIC_KEY"],
        message: "is required in production, with VAPID_PRIVATE_KEY / VAPID_PUBLIC_KEY (npx web-push generate-vapid-keys)",
      });
    }
    if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required in production (openssl rand -base64 32)",
      });
    }
  });

/** ICE_SERVERS: a JSON array of { urls: string | string[], username?, credential? }. */
function isIceServerList(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      Array.isArray(value) &&
      value.every((entry: unknown) => {
        if (typeof entry !== "object" || entry === null) return false;
        const { urls } = entry as { urls?: unknown };
        return typeof urls === "string" || (Array.isArray(urls) && urls.length > 0 && urls.every((url) => typeof url === "string"));
      })
    );
  } catch {
    return false;
  }
}

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
  }
  /** One line per problem, each naming the variable: what the user sees at start-up. */
  format(): string {
    return this.problems.map((problem) => `config error: ${problem}`).join("\n");
  }
}

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  // Empty strings (e.g. `PUSHER_HOST=` in .env) mean "unset".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = serverEnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
  }
  return result.data;
}

let cached: ServerEnv | undefined;

/** The validated server environment (parsed once per process). */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
