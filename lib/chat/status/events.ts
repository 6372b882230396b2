// Realtime events of my status. user:status on my own private-user-<id> channel: every tab and
// device of mine follows it. presence:status on the presence channel of each of my conversations:
// exactly the people who see me online there (the channel's authorized subscribers) see it change.
// Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";
import { myStatusSchema, SHOWN_STATUSES } from "./dto";

export const STATUS_EVENTS = {
  /** I chose a status, or went away / came back. */
  status: "user:status",
  /** A member's shown status changed (null: they went invisible, so offline). */
  memberStatus: "presence:status",
} as const;

export const statusEventSchemas = {
  [STATUS_EVENTS.status]: myStatusSchema,
  [STATUS_EVENTS.memberStatus]: z.object({ userId: idSchema, status: z.nullable(z.enum(SHOWN_STATUSES)) }),
} as const;
