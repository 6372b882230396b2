"use client";
// The notification center's bell in the sidebar header (issue 16). Loaded after hydration
// (React.lazy in the sidebar, which shows ./bell-placeholder until then): this module, the
// notification store and its first page stay out of /chat's first load. Its accessible name says
// the unread count ("Notifications, 3 unread"); the panel (./panel) loads when it is first opened.
import { Bell } from "lucide-react";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { ensureNotifications, useNotificationCenter } from "@/lib/client/notification-center";

const loadPanel = () => import("./panel");
const NotificationPanel = lazy(loadPanel);

export const bellLabel = (unread: number) => (unread > 0 ? `Notifications, ${unread} unread` : "Notifications");

export default function NotificationBell({ onOpenPeople }: { onOpenPeople: () => void }) {
  useEffect(ensureNotifications, []);
  const { unreadCount } = useNotificationCenter();
  const [open, setOpen] = useState(false);
  const [requested, setRequested] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const warm = () => void loadPanel().catch(() => {});
  const label = bellLabel(unreadCount);
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="icon-button relative"
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={warm}
        onFocus={warm}
        onClick={() => {
          setRequested(true);
          setOpen(true);
        }}
      >
        <Bell aria-hidden className="size-5" />
        {unreadCount > 0 ? (
          <span
            aria-hidden
            data-testid="notification-badge"
            className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
          >
            {unreadCount > 99 ? "99+" : unreadCount}
          </span>
        ) : null}
      </button>
      {requested ? (
        <Suspense fallback={null}>
          <NotificationPanel open={open} onOpenChange={setOpen} trigger={trigger} onOpenPeople={onOpenPeople} />
        </Suspense>
      ) : null}
    </>
  );
}
