// Limits of notifications (issue 16). Browser-safe.

/** How many devices (push subscriptions) one user may have; the oldest is replaced beyond it. */
export const PUSH_DEVICES_MAX = 10;
/** A burst of messages in one chat within this window makes one push per recipient. */
export const PUSH_COALESCE_MS_DEFAULT = 3_000;
/** Attempts per push (first try included) on a network error, 429 or 5xx, with doubling backoff. */
export const PUSH_ATTEMPTS = 3;
export const PUSH_BACKOFF_MS = 1_000;
/** A preview in a push is cut to this many characters (payloads stay small: well under 4 KB). */
export const PUSH_PREVIEW_MAX = 120;
/** A focused tab reports every FOCUS_HEARTBEAT_MS; the report holds pushes back this long. */
export const FOCUS_HEARTBEAT_MS = 30_000;
export const FOCUS_TTL_MS = 45_000;
