// Realtime events of the notification center (issue 16), on the recipient's private-user-<id>
// channel only (every tab and device of theirs): a new entry (the DTO), entries read (one, some or
// all: my other tabs follow), entries removed (their cause went: a reaction taken back, a request
// cancelled). Each carries my unread count after the change. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema } from "@/lib/chat/kernel/dto";
import { notificationSchema } from "./dto";

export const NOTIFICATION_CENTER_EVENTS = {
  notificationNew: "notification:new",
  notificationRead: "notification:read",
  notificationRemoved: "notification:removed",
} as const;

const unreadCount = z.number().check(z.int(), z.gte(0));

export const notificationCenterEventSchemas = {
  [NOTIFICATION_CENTER_EVENTS.notificationNew]: z.object({ notification: notificationSchema, unreadCount }),
  [NOTIFICATION_CENTER_EVENTS.notificationRead]: z.object({
    /** The entries now read; absent when every entry is (mark all read). */
    ids: z.optional(z.array(idSchema).check(z.maxLength(100))),
    all: z.optional(z.boolean()),
    unreadCount,
  }),
  [NOTIFICATION_CENTER_EVENTS.notificationRemoved]: z.object({ ids: z.array(idSchema).check(z.maxLength(100)), unreadCount }),
} as const;
