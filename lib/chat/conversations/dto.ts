// What the API and realtime events say about a conversation (zod/mini schemas, types inferred).
// Browser-safe.
import * as z from "zod/mini";
import { idSchema, isoDateSchema, safeUserSchema } from "@/lib/chat/kernel/dto";
import { messagePreviewSchema } from "@/lib/chat/messages/dto";
import { pinSchema } from "@/lib/chat/pins/dto";
import { listStateSchema } from "@/lib/chat/chat-list/dto";
import { SHOWN_STATUSES } from "@/lib/chat/status/dto";
import { groupSettingsSchema } from "@/lib/chat/group-admin/dto";

export const memberRoleSchema = z.enum(["admin", "member"]);
export type MemberRole = z.infer<typeof memberRoleSchema>;

export const memberSchema = z.extend(safeUserSchema, {
  role: memberRoleSchema,
  /** When this member was last active (ISO), or null if never recorded. */
  lastActiveAt: z.nullable(isoDateSchema),
  /** The status they show while connected (issue 15, lib/chat/status): absent means online. */
  status: z.optional(z.enum(SHOWN_STATUSES)),
});
export type Member = z.infer<typeof memberSchema>;

/** What every view of a conversation starts from (also the conversation:new event). */
export const conversationHeaderSchema = z.object({
  id: idSchema,
  name: z.nullable(z.string()),
  isGroup: z.boolean(),
  lastMessageAt: isoDateSchema,
});

export const conversationSummarySchema = z.extend(conversationHeaderSchema, {
  createdAt: isoDateSchema,
  members: z.array(memberSchema),
  myRole: memberRoleSchema,
  lastMessage: z.nullable(messagePreviewSchema),
  unreadCount: z.number(),
  /** Unread messages that mention me (lib/chat/mentions): the list's "@" badge. */
  mentionCount: z.number(),
  /** I marked it unread (lib/chat/unread-mark): the list shows a dot until I open it. */
  markedUnread: z.boolean(),
  /** Its pinned messages, oldest pin first (lib/chat/pins): the pin bar. */
  pins: z.optional(z.array(pinSchema)),
  /** Its members let the assistant answer `@ai` in it (lib/chat/assistant/in-chat.ts). */
  assistantInChat: z.optional(z.boolean()),
  /** A 1:1 started by someone not in my contacts that waits for my answer (lib/chat/message-requests): no notifications. */
  messageRequest: z.optional(z.boolean()),
  /** A 1:1 whose other member I blocked (lib/chat/blocks): "You blocked this contact" instead of the composer. */
  blockedByMe: z.optional(z.boolean()),
  /**
   * A 1:1 where either member turned read receipts off (lib/chat/receipts/privacy.ts): the server
   * sends no reads of the other, and the UI shows no "Seen" (also for messages it already holds).
   */
  readsHidden: z.optional(z.boolean()),
  /** A group's description and settings (lib/chat/group-admin; groups only). */
  description: z.optional(z.nullable(z.string())),
  settings: z.optional(groupSettingsSchema),
  /** A group's icon URL (lib/chat/group-admin/icon.ts; served to members only), null: none. */
  icon: z.optional(z.nullable(z.string())),
  /** My pin, mute and archive of it (lib/chat/chat-list): mine only, never another member's. */
  ...listStateSchema.shape,
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export interface ConversationPage {
  conversations: ConversationSummary[];
  /** Pass as `cursor` for the next page (null on the last page). */
  nextCursor: string | null;
  /** The first page only: how many chats my Archived folder holds (lib/chat/chat-list). */
  archivedCount?: number;
}

export function toRole(value: string | undefined): MemberRole {
  return value === "admin" ? "admin" : "member";
}

export type { SafeUser } from "@/lib/chat/kernel/dto";
