// Limits of pinning (issue 13), shown by the UI (browser-safe).
export const PINS_MAX = 3;
export const PINS_FULL_MESSAGE = `A chat can have at most ${PINS_MAX} pinned messages. Unpin one first.`;
