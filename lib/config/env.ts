// Server configuration, validated once with zod. A missing or malformed variable stops start-up with
// one line naming it (see ConfigError.format). The embedded launcher (scripts/parley.ts) fills in
// DATABASE_URL and PUSHER_* when they are unset, so the app itself always sees a complete config.
import { z } from "zod";

const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

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

    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, "must be a redis:// or rediss:// URL")
      .optional(),
  })
  .transform((env) => ({
    ...env,
    databaseProvider:
      env.DATABASE_PROVIDER ?? (env.DATABASE_URL.startsWith("mongodb") ? "mongodb" : "postgresql"),
  }))
  .superRefine((env, ctx) => {
    const urlIsMongo = env.DATABASE_URL.startsWith("mongodb");
    if ((env.databaseProvider === "mongodb") !== urlIsMongo) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_PROVIDER"],
        message: `is ${env.databaseProvider} but DATABASE_URL is a ${urlIsMongo ? "MongoDB" : "PostgreSQL"} URL`,
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
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
    );
  }
  return result.data;
}

let cached: ServerEnv | undefined;

/** The validated server environment (parsed once per process). */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
