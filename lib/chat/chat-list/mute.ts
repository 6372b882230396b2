// The one "is it muted?" rule (issue 15). Browser-safe and without zod: the conversation list
// asks it at first paint, whose JavaScript carries no zod (docs/BENCHMARKS.md, first-load JavaScript).
import { MUTED_FOREVER } from "./limits";

type MuteHolder = { mutedUntil: Date | string | null | undefined };

const instant = (value: Date | string) => (typeof value === "string" ? Date.parse(value) : value.getTime());

/**
 * Whether a member's chat is muted at `now`: their mute ends after `now`. An expired mute is not
 * muted (it is not cleared when it ends). The notifications issue asks this before a sound or a
 * notification; the send path asks it before bringing an archived chat back.
 */
export function isMuted(member: MuteHolder, now: Date = new Date()): boolean {
  return member.mutedUntil != null && instant(member.mutedUntil) > now.getTime();
}

/** Muted with "Always" (shown as such instead of an end time). */
export function isMutedForever(member: MuteHolder): boolean {
  return member.mutedUntil != null && instant(member.mutedUntil) >= MUTED_FOREVER.getTime();
}
