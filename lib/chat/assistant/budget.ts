// The assistant's per-user rate limit (AI_RATE_LIMIT_PER_MINUTE), counted in the project's one
// shared store (memory, or Redis across instances) and refused with the one 429. The daily token
// budget is counted from the stored replies (operations.ts tokensUsedToday): a token count is an
// amount, not a hit, and the replies are already stored.
import "server-only";
import { RateLimiter } from "@/lib/rate-limit/limiter";
import { consumeOrRefuse, sharedRateLimitStore } from "@/lib/rate-limit/shared";

const globalForLimiter = globalThis as unknown as { parleyAssistantLimiter?: { max: number; limiter: RateLimiter } };

function limiter(max: number): RateLimiter {
  const held = globalForLimiter.parleyAssistantLimiter;
  if (held && held.max === max) return held.limiter;
  const built = new RateLimiter(sharedRateLimitStore(), { name: "assistant:user", max, windowMs: 60_000 });
  globalForLimiter.parleyAssistantLimiter = { max, limiter: built };
  return built;
}

export const assistantLimiter = {
  /** Counts one reply request of `userId`; 429 beyond `max` a minute. */
  async consume(userId: string, max: number): Promise<void> {
    await consumeOrRefuse(limiter(max), userId, (left) => ({ message: `You are asking the assistant too often. Try again in ${left}.` }));
  },
  /** Test seam: the next count starts fresh. */
  forgetForTests(): void {
    if (process.env.NODE_ENV !== "test") throw new Error("forgetForTests is for tests only");
    globalForLimiter.parleyAssistantLimiter = undefined;
  },
};
