// The assistant's rate limits, counted in the project's one shared store (memory, or Redis across
// instances) and refused with the one 429: per user (AI_RATE_LIMIT_PER_MINUTE) and per conversation
// (AI_CHAT_RATE_LIMIT_PER_MINUTE, all its members together). The daily token budget is counted from
// the stored replies (operations.ts tokensUsedToday): a token count is an amount, not a hit, and the
// replies are already stored.
import "server-only";
import { RateLimiter } from "@/lib/rate-limit/limiter";
import { consumeOrRefuse, sharedRateLimitStore } from "@/lib/rate-limit/shared";

type LimiterName = "assistant:user" | "assistant:chat";
const globalForLimiter = globalThis as unknown as { parleyAssistantLimiters?: Map<LimiterName, { max: number; limiter: RateLimiter }> };

function limiter(name: LimiterName, max: number): RateLimiter {
  const held = (globalForLimiter.parleyAssistantLimiters ??= new Map());
  const found = held.get(name);
  if (found && found.max === max) return found.limiter;
  const built = new RateLimiter(sharedRateLimitStore(), { name, max, windowMs: 60_000 });
  held.set(name, { max, limiter: built });
  return built;
}

export const assistantLimiter = {
  /** Counts one assistant call of `userId`; 429 beyond `max` a minute. */
  async consume(userId: string, max: number): Promise<void> {
    await consumeOrRefuse(limiter("assistant:user", max), userId, (left) => ({
      message: `You are asking the assistant too often. Try again in ${left}.`,
    }));
  },
  /** Counts one assistant call in `conversationId` (whoever asks); 429 beyond `max` a minute. */
  async consumeChat(conversationId: string, max: number): Promise<void> {
    await consumeOrRefuse(limiter("assistant:chat", max), conversationId, (left) => ({
      message: `The assistant is asked too often in this chat. Try again in ${left}.`,
    }));
  },
  /** Test seam: the next count starts fresh. */
  forgetForTests(): void {
    if (process.env.NODE_ENV !== "test") throw new Error("forgetForTests is for tests only");
    globalForLimiter.parleyAssistantLimiters = undefined;
  },
};
