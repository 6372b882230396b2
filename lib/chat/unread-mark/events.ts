// Realtime event of "mark as unread", on the user's own private-user-<id> channel, so every tab
// and device of that user shows (or drops) the dot at once. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";

export const UNREAD_MARK_EVENTS = {
  /** The user marked a conversation unread (or read again). */
  unreadMark: "conversation:unread-mark",
} as const;

export const unreadMarkEventSchemas = {
  [UNREAD_MARK_EVENTS.unreadMark]: z.object({ id: idSchema, markedUnread: z.boolean() }),
} as const;
