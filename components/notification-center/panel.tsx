"use client";
// The notification center's panel (issue 16): my entries newest first — who, what ("Ana reacted 👍
// to your message", "Ben mentioned you in Team", "Cleo sent you a contact request", "Dan invited
// you to Team"), when, an unread dot —, "Show older" (keyset pages) and "Mark all as read".
// Opening an entry marks it read and goes to it: a mention or a reaction opens the chat at that
// message (the store's requestJump, as a search hit does); a contact request or a group invitation
// opens the People tab, where the requests inbox answers it. Loaded on demand by ./bell.
import * as Dialog from "@radix-ui/react-dialog";
import { Bell, X } from "lucide-react";
import { useRouter } from "next/navigation";
import type { RefObject } from "react";
import { UserAvatar } from "@/components/chat/user-avatar";
import { Modal } from "@/components/ui/modal";
import { notificationAction, type NotificationDto } from "@/lib/chat/notification-center/dto";
import { fullTime, relativeAgo } from "@/lib/client/format";
import {
  loadMoreNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  useNotificationCenter,
} from "@/lib/client/notification-center";
import { useMessageStoreApi } from "@/lib/client/store/message-slices";

export default function NotificationPanel({
  open,
  onOpenChange,
  trigger,
  onOpenPeople,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: RefObject<HTMLButtonElement | null>;
  onOpenPeople: () => void;
}) {
  const { items, nextCursor, unreadCount, loadingMore, error } = useNotificationCenter();
  const store = useMessageStoreApi();
  const router = useRouter();

  const openEntry = (entry: NotificationDto) => {
    void markNotificationRead(entry.id);
    onOpenChange(false);
    if ((entry.kind === "mention" || entry.kind === "reaction") && entry.conversation) {
      if (entry.messageId) store.getState().requestJump(entry.conversation.id, entry.messageId);
      router.push(`/chat/${entry.conversation.id}`);
    } else {
      onOpenPeople();
    }
  };

  return (
    <Modal open={open} onOpenChange={onOpenChange} returnFocusTo={trigger} className="flex max-h-[85dvh] max-w-md flex-col">
      <div className="mb-1 flex items-center justify-between gap-2">
        <Dialog.Title className="flex items-center gap-2 text-lg font-semibold">
          <Bell aria-hidden className="size-5" /> Notifications
        </Dialog.Title>
        <div className="flex items-center gap-1">
          <button
            type="button"
            disabled={unreadCount === 0}
            onClick={() => void markAllNotificationsRead()}
            className="rounded-lg px-2 py-1 text-sm font-medium text-sky-700 hover:bg-neutral-100 disabled:opacity-50 dark:text-sky-400 dark:hover:bg-neutral-800"
          >
            Mark all as read
          </button>
          <Dialog.Close className="icon-button" aria-label="Close">
            <X aria-hidden className="size-5" />
          </Dialog.Close>
        </div>
      </div>
      <Dialog.Description className="mb-3 text-sm text-neutral-600 dark:text-neutral-400">
        {unreadCount > 0 ? `${unreadCount} unread` : "You're all caught up."}
      </Dialog.Description>
      <div className="-mx-2 min-h-0 flex-1 overflow-y-auto px-2">
        {items === null ? (
          <p className="text-sm text-neutral-600 dark:text-neutral-400">{error ?? "Loading…"}</p>
        ) : items.length === 0 ? (
          <p className="text-sm text-neutral-600 dark:text-neutral-400">
            No notifications yet. Contact requests, group invitations, mentions and reactions to your messages show up here.
          </p>
        ) : (
          <ul aria-label="Notifications" className="flex flex-col gap-0.5">
            {items.map((entry) => {
              const text = `${entry.actor.name ?? "Parley user"} ${notificationAction(entry)}`;
              const unread = entry.readAt === null;
              return (
                <li key={entry.id}>
                  <button
                    type="button"
                    onClick={() => openEntry(entry)}
                    aria-label={unread ? `${text} (unread)` : text}
                    className="flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left hover:bg-neutral-100 focus-visible:bg-neutral-100 dark:hover:bg-neutral-800 dark:focus-visible:bg-neutral-800"
                  >
                    <UserAvatar user={entry.actor} size={36} />
                    <span className="flex min-w-0 flex-1 flex-col">
                      <span className={`line-clamp-2 text-sm ${unread ? "font-semibold" : ""}`}>{text}</span>
                      <time
                        dateTime={entry.createdAt}
                        title={fullTime(entry.createdAt)}
                        className="text-xs text-neutral-600 dark:text-neutral-400"
                        suppressHydrationWarning
                      >
                        {relativeAgo(entry.createdAt)}
                      </time>
                    </span>
                    {unread ? <span aria-hidden className="size-2.5 shrink-0 rounded-full bg-sky-600" /> : null}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {nextCursor ? (
          <button
            type="button"
            disabled={loadingMore}
            onClick={() => void loadMoreNotifications()}
            className="mt-2 w-full rounded-lg px-3 py-2 text-sm font-medium text-sky-700 hover:bg-neutral-100 disabled:opacity-50 dark:text-sky-400 dark:hover:bg-neutral-800"
          >
            {loadingMore ? "Loading…" : "Show older"}
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
