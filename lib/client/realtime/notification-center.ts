// Notification center capability (issue 16): an entry for me was made, read (in another tab of
// mine) or removed (its cause went), each with my unread count; the bell and its panel follow. My
// channel live again (a reconnection) may have missed some: read the first page again, if loaded.
import {
  applyNewNotification,
  applyNotificationsRead,
  applyNotificationsRemoved,
  refreshLoadedNotifications,
} from "@/lib/client/notification-center";
import { EVENTS } from "@/lib/realtime/events";
import { PUSHER_EVENTS, type Capability } from "./dispatcher";

export const notificationCenter: Capability = () => ({
  user: {
    [EVENTS.notificationNew]: applyNewNotification,
    [EVENTS.notificationRead]: applyNotificationsRead,
    [EVENTS.notificationRemoved]: applyNotificationsRemoved,
    [PUSHER_EVENTS.subscribed]: refreshLoadedNotifications,
  },
});
