"use client";
// The notification center's bell in the sidebar header (issue 16). Loaded after hydration
// (React.lazy in the sidebar, which keeps its size until then): this module, the notification
// store and its first page stay out of /chat's first load. Its accessible name says the unread
// count ("Notifications, 3 unread"); the panel (./panel) loads when it is first opened
// (LazyDialogTrigger, as the other sidebar dialogs).
import { Bell } from "lucide-react";
import { lazy, useEffect } from "react";
import { LazyDialogTrigger } from "@/components/ui/lazy-dialog-trigger";
import { ensureNotifications, useNotificationCenter } from "@/lib/client/notification-center";

const loadPanel = () => import("./panel");
const NotificationPanel = lazy(loadPanel);

export const bellLabel = (unread: number) => (unread > 0 ? `Notifications, ${unread} unread` : "Notifications");

export default function NotificationBell({ onOpenPeople }: { onOpenPeople: () => void }) {
  useEffect(ensureNotifications, []);
  const { unreadCount } = useNotificationCenter();
  return (
    <LazyDialogTrigger
      label={bellLabel(unreadCount)}
      icon={<Bell aria-hidden className="size-5" />}
      badge={
        unreadCount > 0 ? (
          <span
            aria-hidden
            data-testid="notification-badge"
            className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
          >
            {unreadCount > 99 ? "99+" : unreadCount}
          </span>
        ) : null
      }
      preload={loadPanel}
      renderDialog={(state) => <NotificationPanel {...state} onOpenPeople={onOpenPeople} />}
    />
  );
}
