// My state of a chat in my list (issue 15), as the conversation summary and the
// conversation:list-state event carry it (and, from ./mute, the one "is it muted?" rule).
// Browser-safe (zod/mini).
import * as z from "zod/mini";
import { isoDateSchema } from "@/lib/chat/kernel/dto";

export const listStateSchema = z.object({
  /** Pinned to the top of my list since (pins sort newest pin first), or null. */
  pinnedAt: z.nullable(isoDateSchema),
  /** Muted until (no sound, no notification, a muted badge); an instant in the past is not muted. */
  mutedUntil: z.nullable(isoDateSchema),
  /** In my Archived folder since, or null. */
  archivedAt: z.nullable(isoDateSchema),
});
export type ListState = z.infer<typeof listStateSchema>;

export { isMuted, isMutedForever } from "./mute";
