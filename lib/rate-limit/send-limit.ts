// Per-user send budget (anti-automation, OWASP ASVS V2.4 / V11.1): CHAT_SEND_RATE_LIMIT messages
// per 10-second window (default 30), counted on every send request (a retry counts too), shared
// across instances through Redis when REDIS_URL is set. Over budget → AppError("rate_limited") with
// retryAfter, which the API answers as 429 with a Retry-After header.
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { RateLimiter, type RateLimitStore } from "@/lib/rate-limit/limiter";
import { consumeOrRefuse, forgetSharedRateLimitStoreForTests, sharedRateLimitStore } from "@/lib/rate-limit/shared";

export const SEND_WINDOW_MS = 10_000;

const globalForLimit = globalThis as unknown as {
  parleySendLimiter?: RateLimiter;
  parleyReceiptLimiter?: RateLimiter;
  parleyMessageActionLimiter?: RateLimiter;
};

/**
 * Delivery reports (lib/chat/receipts): a client batches them (one request per burst of messages,
 * per conversation list load), so a budget this size is never reached by a real client; it stops
 * a script from turning reports into database writes at request speed.
 */
export const RECEIPT_REPORTS_PER_WINDOW = 60;

export function createSendLimiter(store: RateLimitStore, max: number): RateLimiter {
  return new RateLimiter(store, { name: "send:user", max, windowMs: SEND_WINDOW_MS });
}

function limiter(): RateLimiter {
  if (!globalForLimit.parleySendLimiter) {
    globalForLimit.parleySendLimiter = createSendLimiter(sharedRateLimitStore(), serverEnv().CHAT_SEND_RATE_LIMIT);
  }
  return globalForLimit.parleySendLimiter;
}

/**
 * The message actions (edit, delete, react, forward: issue 13) have a budget of their own, the
 * same size as sending (CHAT_SEND_RATE_LIMIT per 10 s), so reacting does not use up sending.
 */
function actionLimiter(): RateLimiter {
  if (!globalForLimit.parleyMessageActionLimiter) {
    globalForLimit.parleyMessageActionLimiter = new RateLimiter(sharedRateLimitStore(), {
      name: "message-action:user",
      max: serverEnv().CHAT_SEND_RATE_LIMIT,
      windowMs: SEND_WINDOW_MS,
    });
  }
  return globalForLimit.parleyMessageActionLimiter;
}

/** Test seam: replaces the limiter (null → rebuilt from the environment on next use); also the message actions' one. */
export function setSendLimiterForTests(value: RateLimiter | null): void {
  if (process.env.NODE_ENV !== "test") throw new Error("setSendLimiterForTests is for tests only");
  globalForLimit.parleySendLimiter = value ?? undefined;
  globalForLimit.parleyMessageActionLimiter = value ?? undefined;
  if (!value) forgetSharedRateLimitStoreForTests();
}

/** Counts one send by `userId`; throws 429 (with retryAfter seconds) when over budget. */
export async function assertSendAllowed(userId: string, l: RateLimiter = limiter()): Promise<void> {
  await consumeOrRefuse(l, userId, (wait) => ({ message: `You are sending messages too quickly. Try again in ${wait}.` }));
}

function receiptLimiter(): RateLimiter {
  if (!globalForLimit.parleyReceiptLimiter) {
    globalForLimit.parleyReceiptLimiter = new RateLimiter(sharedRateLimitStore(), {
      name: "receipts:user",
      max: RECEIPT_REPORTS_PER_WINDOW,
      windowMs: SEND_WINDOW_MS,
    });
  }
  return globalForLimit.parleyReceiptLimiter;
}

/** Counts one delivery report by `userId`, like a send; 429 (with retryAfter seconds) when over budget. */
export async function assertReceiptReportAllowed(userId: string, l: RateLimiter = receiptLimiter()): Promise<void> {
  await consumeOrRefuse(l, userId, (wait) => ({ message: `Too many delivery reports. Try again in ${wait}.` }));
}

/** Counts one message action (edit, delete, react, forward) by `userId`; 429 beyond the budget. */
export async function assertMessageActionAllowed(userId: string, l: RateLimiter = actionLimiter()): Promise<void> {
  await consumeOrRefuse(l, userId, (wait) => ({ message: `You are doing that too quickly. Try again in ${wait}.` }));
}
