// Realtime event of my chat list (issue 15), on my own private-user-<id> channel only: my other
// tabs and devices follow my pins, mutes and archive at once; nobody else ever receives it.
// Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";
import { listStateSchema } from "./dto";

export const CHAT_LIST_EVENTS = {
  /** My pin / mute / archive state of a chat changed (by me, or a new message unarchived it). */
  listState: "conversation:list-state",
} as const;

export const chatListEventSchemas = {
  [CHAT_LIST_EVENTS.listState]: z.extend(listStateSchema, {
    id: idSchema,
    /** How many chats my Archived folder holds now (the list's "Archived" entry). */
    archivedCount: z.int().check(z.minimum(0)),
  }),
} as const;
