// Per-user budgets of the expensive operations (issue #12, OWASP ASVS V2.4 / V11.1), on the same
// RateLimiter as sending and sign-in (memory, or Redis when REDIS_URL is set):
// - uploads (message images and avatars: a decode, a re-encode and a thumbnail each):
//   UPLOAD_RATE_LIMIT per user per 10 minutes (default 30), counted before the image is decoded;
// - password change: the current-password check is a guess like a sign-in, so every check is
//   reserved as a failure before bcrypt runs (5 per 15 minutes) and a correct password clears them;
// - group creation (one write per member, one event per member): 10 groups per user per hour;
// - people search (a name match scans users): 60 searches per user per minute;
// - message search (a trigram match over my chats): 120 searches per user per minute (typing is debounced);
// - data export (every message I sent, issue #17): 5 exports per user per hour.
// Over budget → AppError("rate_limited") with retryAfter → 429 + Retry-After.
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { RateLimiter, type RateLimitStore } from "./limiter";
import { consumeOrRefuse, forgetSharedRateLimitStoreForTests, sharedRateLimitStore } from "./shared";

const MINUTE = 60_000;
export const UPLOAD_WINDOW_MS = 10 * MINUTE;
export const PASSWORD_CHECK_FAILURES = 5;
export const PASSWORD_CHECK_WINDOW_MS = 15 * MINUTE;
export const GROUPS_PER_HOUR = 10;
export const SEARCHES_PER_MINUTE = 60;
export const MESSAGE_SEARCHES_PER_MINUTE = 120;
export const EXPORTS_PER_HOUR = 5;

export interface UserBudgets {
  upload: RateLimiter;
  passwordCheck: RateLimiter;
  groupCreate: RateLimiter;
  peopleSearch: RateLimiter;
  messageSearch: RateLimiter;
  dataExport: RateLimiter;
}

const globalForBudgets = globalThis as unknown as { parleyUserBudgets?: UserBudgets };

export function createUserBudgets(
  store: RateLimitStore,
  {
    uploads = 30,
    passwordFailures = PASSWORD_CHECK_FAILURES,
    groups = GROUPS_PER_HOUR,
    searches = SEARCHES_PER_MINUTE,
    messageSearches = MESSAGE_SEARCHES_PER_MINUTE,
  }: { uploads?: number; passwordFailures?: number; groups?: number; searches?: number; messageSearches?: number } = {},
): UserBudgets {
  return {
    upload: new RateLimiter(store, { name: "upload:user", max: uploads, windowMs: UPLOAD_WINDOW_MS }),
    passwordCheck: new RateLimiter(store, { name: "password:user", max: passwordFailures, windowMs: PASSWORD_CHECK_WINDOW_MS }),
    groupCreate: new RateLimiter(store, { name: "group:user", max: groups, windowMs: 60 * MINUTE }),
    peopleSearch: new RateLimiter(store, { name: "search:user", max: searches, windowMs: MINUTE }),
    messageSearch: new RateLimiter(store, { name: "message-search:user", max: messageSearches, windowMs: MINUTE }),
    dataExport: new RateLimiter(store, { name: "export:user", max: EXPORTS_PER_HOUR, windowMs: 60 * MINUTE }),
  };
}

function budgets(): UserBudgets {
  if (!globalForBudgets.parleyUserBudgets) {
    globalForBudgets.parleyUserBudgets = createUserBudgets(sharedRateLimitStore(), { uploads: serverEnv().UPLOAD_RATE_LIMIT });
  }
  return globalForBudgets.parleyUserBudgets;
}

/** Test seam: replaces the budgets (null → rebuilt from the environment on next use). */
export function setUserBudgetsForTests(value: UserBudgets | null): void {
  if (process.env.NODE_ENV !== "test") throw new Error("setUserBudgetsForTests is for tests only");
  globalForBudgets.parleyUserBudgets = value ?? undefined;
  if (!value) forgetSharedRateLimitStoreForTests();
}

/** Counts one upload by `userId` (before any decoding); 429 when over budget. */
export async function assertUploadAllowed(userId: string, b: UserBudgets = budgets()): Promise<void> {
  await consumeOrRefuse(b.upload, userId, (left) => ({ message: `Too many uploads. Try again in ${left}.` }));
}

/** Before the current password is checked: reserves a failure; refuses (429) when failures are used up. */
export async function reservePasswordCheck(userId: string, b: UserBudgets = budgets()): Promise<void> {
  await consumeOrRefuse(b.passwordCheck, userId, (left) => ({
    message: `Too many wrong passwords. Try again in ${left}.`,
    fields: { currentPassword: [`Too many attempts. Try again in ${left}.`] },
  }));
}

/** A correct current password: the reserved failures are cleared. */
export async function clearPasswordChecks(userId: string, b: UserBudgets = budgets()): Promise<void> {
  await b.passwordCheck.reset(userId);
}

/** Counts one group creation by `userId`; 429 when over budget. */
export async function assertGroupCreationAllowed(userId: string, b: UserBudgets = budgets()): Promise<void> {
  await consumeOrRefuse(b.groupCreate, userId, (left) => ({ message: `You have created many groups recently. Try again in ${left}.` }));
}

/** Counts one people search by `userId`; 429 when over budget. */
export async function assertPeopleSearchAllowed(userId: string, b: UserBudgets = budgets()): Promise<void> {
  await consumeOrRefuse(b.peopleSearch, userId, (left) => ({ message: `Too many searches. Try again in ${left}.` }));
}

/** Counts one message search by `userId`; 429 when over budget. */
export async function assertMessageSearchAllowed(userId: string, b: UserBudgets = budgets()): Promise<void> {
  await consumeOrRefuse(b.messageSearch, userId, (left) => ({ message: `Too many searches. Try again in ${left}.` }));
}

/** Counts one data export by `userId`; 429 when over budget. */
export async function assertExportAllowed(userId: string, b: UserBudgets = budgets()): Promise<void> {
  await consumeOrRefuse(b.dataExport, userId, (left) => ({
    message: `You have exported your data several times recently. Try again in ${left}.`,
  }));
}
