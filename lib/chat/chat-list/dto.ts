// My state of a chat in my list (issue 15), as the conversation summary and the
// conversation:list-state event carry it, and the one "is it muted?" rule. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { isoDateSchema } from "@/lib/chat/kernel/dto";
import { MUTED_FOREVER } from "./limits";

export const listStateSchema = z.object({
  /** Pinned to the top of my list since (pins sort newest pin first), or null. */
  pinnedAt: z.nullable(isoDateSchema),
  /** Muted until (no sound, no notification, a muted badge); an instant in the past is not muted. */
  mutedUntil: z.nullable(isoDateSchema),
  /** In my Archived folder since, or null. */
  archivedAt: z.nullable(isoDateSchema),
});
export type ListState = z.infer<typeof listStateSchema>;

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
