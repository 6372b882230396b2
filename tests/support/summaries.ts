// In-memory ConversationSummary fixtures for client-side tests (store, delivery reporter): a 1:1
// between two users, nothing read from a database.
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";

export function directSummary(id: string, me: SafeUser, other: SafeUser, patch: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    name: null,
    isGroup: false,
    createdAt: "2026-11-22T10:00:00.000Z",
    lastMessageAt: "2026-11-22T10:00:00.000Z",
    members: [
      { ...me, role: "member", lastActiveAt: null },
      { ...other, role: "member", lastActiveAt: null },
    ],
    myRole: "member",
    lastMessage: null,
    unreadCount: 0,
    mentionCount: 0,
    markedUnread: false,
    pinnedAt: null,
    mutedUntil: null,
    archivedAt: null,
    ...patch,
  };
}
