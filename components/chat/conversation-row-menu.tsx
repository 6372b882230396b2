"use client";
// The "Chat options" menu of a conversation row: mark read/unread, pin, mute for 8 hours / 1 week
// / always, archive. A chunk of its own with its operations (optimistic change + server action),
// loaded when a row's menu is first wanted: /chat paints its list without it (conversation-list.tsx
// shows a same-looking trigger until then).
import { EllipsisVertical } from "lucide-react";
import { Menu } from "@/components/ui/menu";
import { MUTE_CHOICES, MUTE_LABELS } from "@/lib/chat/chat-list/limits";
import { isMuted } from "@/lib/chat/chat-list/mute";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import { setArchived, setMuted, setPinned } from "@/lib/client/chat-list";
import { useChatStoreApi } from "@/lib/client/store";
import { markRead, setUnreadMark } from "@/lib/client/unread-mark";

export default function ConversationRowMenu({
  conversation,
  label,
  open,
  onOpenChange,
  className,
}: {
  conversation: ConversationSummary;
  label: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  className: string;
}) {
  const store = useChatStoreApi();
  const id = conversation.id;
  return (
    <Menu
      label={label}
      icon={<EllipsisVertical aria-hidden className="size-4" />}
      open={open}
      onOpenChange={onOpenChange}
      className={className}
      items={[
        conversation.markedUnread || conversation.unreadCount > 0
          ? { label: "Mark as read", onSelect: () => void markRead(store, conversation) }
          : { label: "Mark as unread", onSelect: () => void setUnreadMark(store, id, true) },
        conversation.pinnedAt
          ? { label: "Unpin chat", onSelect: () => void setPinned(store, id, false) }
          : { label: "Pin chat", onSelect: () => void setPinned(store, id, true) },
        ...(isMuted(conversation)
          ? [{ label: "Unmute", onSelect: () => void setMuted(store, id, "off") }]
          : MUTE_CHOICES.map((choice) => ({ label: `Mute: ${MUTE_LABELS[choice]}`, onSelect: () => void setMuted(store, id, choice) }))),
        conversation.archivedAt
          ? { label: "Unarchive chat", onSelect: () => void setArchived(store, id, false) }
          : { label: "Archive chat", onSelect: () => void setArchived(store, id, true) },
      ]}
    />
  );
}
