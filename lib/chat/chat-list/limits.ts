// Limits and choices of my chat list (issue 15: pin, mute, archive), shown by the UI (browser-safe).
export const CHAT_PINS_MAX = 5;
export const CHAT_PINS_FULL_MESSAGE = `You can pin at most ${CHAT_PINS_MAX} chats. Unpin one first.`;

/** Mute choices: 8 hours, 1 week, always; "off" unmutes. */
export const MUTE_CHOICES = ["8h", "1w", "always"] as const;
export type MuteChoice = (typeof MUTE_CHOICES)[number];
export const MUTE_LABELS: Record<MuteChoice, string> = { "8h": "8 hours", "1w": "1 week", always: "Always" };

/** "Always" is stored as this far-future instant, so one comparison (`mutedUntil > now`) answers "muted?". */
export const MUTED_FOREVER = new Date("9999-12-31T00:00:00.000Z");

const HOUR_MS = 3_600_000;
const MUTE_MS: Record<Exclude<MuteChoice, "always">, number> = { "8h": 8 * HOUR_MS, "1w": 7 * 24 * HOUR_MS };

/** When a mute chosen `now` ends. */
export function mutedUntilFor(choice: MuteChoice, now: Date): Date {
  return choice === "always" ? MUTED_FOREVER : new Date(now.getTime() + MUTE_MS[choice]);
}
