// Every budget built from the environment counts in the one shared store (one Redis connection per
// instance when REDIS_URL is set, instead of one per module).
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { reserveSignInAttempt } from "./auth-limits";
import { MemoryRateLimitStore } from "./limiter";
import { assertMessageActionAllowed, assertReceiptReportAllowed, assertSendAllowed, setSendLimiterForTests } from "./send-limit";
import { consumeOrRefuse, waitText } from "./shared";
import { RateLimiter } from "./limiter";
import { assertMessageSearchAllowed, setUserBudgetsForTests } from "./user-budgets";

const globals = globalThis as unknown as { parleyRateLimitStore?: unknown; parleyAuthLimiters?: unknown };

/** A memory store that records which budget each hit was for (the key's name part). */
class RecordingStore extends MemoryRateLimitStore {
  readonly budgets = new Set<string>();
  override hit(key: string, windowMs: number) {
    this.budgets.add(key.slice(0, key.lastIndexOf(":")));
    return super.hit(key, windowMs);
  }
}

function freshBudgets(): RecordingStore {
  setSendLimiterForTests(null);
  setUserBudgetsForTests(null);
  globals.parleyAuthLimiters = undefined;
  const store = new RecordingStore();
  globals.parleyRateLimitStore = store;
  return store;
}

afterEach(() => {
  setSendLimiterForTests(null);
  setUserBudgetsForTests(null);
  globals.parleyAuthLimiters = undefined;
});

describe("shared rate-limit store", () => {
  it("serves the send, message-action, receipt, search and sign-in budgets from one store", async () => {
    const store = freshBudgets();
    await assertSendAllowed("user-1");
    await assertMessageActionAllowed("user-1");
    await assertReceiptReportAllowed("user-1");
    await assertMessageSearchAllowed("user-1");
    await reserveSignInAttempt("127.0.0.1", "a@example.com");
    expect([...store.budgets].sort()).toEqual([
      "message-action:user",
      "message-search:user",
      "receipts:user",
      "send:user",
      "signin:account",
      "signin:ip",
    ]);
  });

  it("refuses past the budget with a 429 that tells the wait", async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore(), { name: "t", max: 1, windowMs: 10_000 });
    await consumeOrRefuse(limiter, "k", (wait) => ({ message: `Slow down. Try again in ${wait}.` }));
    const refusal = await consumeOrRefuse(limiter, "k", (wait) => ({ message: `Slow down. Try again in ${wait}.` })).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toBe("Slow down. Try again in 10 seconds.");
    expect(waitText(89)).toBe("89 seconds");
    expect(waitText(600)).toBe("10 minutes");
  });
});
