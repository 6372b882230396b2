// What every budget of the process shares: one counter store (one Redis connection per instance
// when REDIS_URL is set, not one per module: the limiters' names keep their keys apart) and the
// one way an exhausted budget is refused (429 with the wait left).
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { MemoryRateLimitStore, type RateLimiter, type RateLimitStore } from "./limiter";
import { RedisRateLimitStore } from "./redis-store";

const globalForStore = globalThis as unknown as { parleyRateLimitStore?: RateLimitStore };

/** The process's counter store: Redis when REDIS_URL is set (shared across instances), else memory. */
export function sharedRateLimitStore(): RateLimitStore {
  if (!globalForStore.parleyRateLimitStore) {
    const env = serverEnv();
    globalForStore.parleyRateLimitStore = env.REDIS_URL ? new RedisRateLimitStore(env.REDIS_URL) : new MemoryRateLimitStore();
  }
  return globalForStore.parleyRateLimitStore;
}

/** Test seam: the next budget built from the environment starts on a fresh store (fresh counts). */
export function forgetSharedRateLimitStoreForTests(): void {
  if (process.env.NODE_ENV !== "test") throw new Error("forgetSharedRateLimitStoreForTests is for tests only");
  globalForStore.parleyRateLimitStore = undefined;
}

/** "12 seconds" / "15 minutes": the wait a refusal tells. */
export function waitText(retryAfter: number): string {
  return retryAfter < 90 ? `${retryAfter} seconds` : `${Math.ceil(retryAfter / 60)} minutes`;
}

/**
 * Counts one operation of `key` against `limiter`; when over budget throws the 429 whose message
 * (and optional field messages) `describe` writes for the wait left.
 */
export async function consumeOrRefuse(
  limiter: RateLimiter,
  key: string,
  describe: (wait: string) => { message: string; fields?: Record<string, string[]> },
): Promise<void> {
  const decision = await limiter.consume(key);
  if (decision.allowed) return;
  const { message, fields } = describe(waitText(decision.retryAfter));
  throw new AppError("rate_limited", message, fields, decision.retryAfter);
}
