// The assistant's provider configuration, from the validated environment (server-only: the URL,
// model and key never reach a client payload). AI_PROVIDER picks the provider (openai-compatible by
// default; anthropic, google). No provider (openai-compatible without AI_BASE_URL) → no assistant:
// its routes answer 404 with a message saying so, and the UI hides it.
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { AppError } from "@/lib/errors";

export type AssistantProvider = "openai-compatible" | "anthropic" | "google";

export interface AssistantConfig {
  provider: AssistantProvider;
  /** The endpoint; undefined for anthropic/google without AI_BASE_URL (their own API). */
  baseURL: string | undefined;
  model: string;
  apiKey: string | undefined;
  ratePerMinute: number;
  chatRatePerMinute: number;
  dailyTokenBudget: number;
  maxContextMessages: number;
  maxContextChars: number;
  timeoutMs: number;
}

/** The assistant's configuration, or null when this server has no AI provider. */
export function assistantConfig(): AssistantConfig | null {
  const env = serverEnv();
  if (!env.AI_MODEL || (env.AI_PROVIDER === "openai-compatible" && !env.AI_BASE_URL)) return null;
  return {
    provider: env.AI_PROVIDER,
    baseURL: env.AI_BASE_URL,
    model: env.AI_MODEL,
    apiKey: env.AI_API_KEY,
    ratePerMinute: env.AI_RATE_LIMIT_PER_MINUTE,
    chatRatePerMinute: env.AI_CHAT_RATE_LIMIT_PER_MINUTE,
    dailyTokenBudget: env.AI_DAILY_TOKEN_BUDGET,
    maxContextMessages: env.AI_MAX_CONTEXT_MESSAGES,
    maxContextChars: env.AI_MAX_CONTEXT_CHARS,
    timeoutMs: env.AI_TIMEOUT_SECONDS * 1000,
  };
}

export const ASSISTANT_UNAVAILABLE_MESSAGE =
  "The assistant is not available on this server (an administrator can enable it by setting AI_BASE_URL and AI_MODEL, or AI_PROVIDER=anthropic or google with AI_API_KEY and AI_MODEL).";

/** The configuration, or 404 "not available". */
export function requireAssistantConfig(): AssistantConfig {
  const config = assistantConfig();
  if (!config) throw new AppError("not_found", ASSISTANT_UNAVAILABLE_MESSAGE);
  return config;
}
