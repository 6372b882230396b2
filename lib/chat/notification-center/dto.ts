// The notification center's shapes (issue 16): one entry of my bell — someone sent me a contact
// request, invited me to a group, mentioned me, or reacted to my message — and a page of them.
// Browser-safe (zod/mini): the realtime events carry the same schema.
import * as z from "zod/mini";
import { idSchema, isoDateSchema, safeUserSchema } from "@/lib/chat/kernel/dto";

export const NOTIFICATION_KINDS = ["contact_request", "group_invitation", "mention", "reaction"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(NOTIFICATION_KINDS),
  /** Who caused it (safe fields only; the photo as their privacy allows). */
  actor: safeUserSchema,
  /** The chat it is about (mentions, reactions, group invitations); null for a contact request. */
  conversation: z.nullable(z.object({ id: idSchema, name: z.nullable(z.string()), isGroup: z.boolean() })),
  /** The message it links to (mentions: the message; reactions: my message). */
  messageId: z.nullable(idSchema),
  contactRequestId: z.nullable(idSchema),
  groupInvitationId: z.nullable(idSchema),
  /** A short text: a reaction's emoji. */
  text: z.nullable(z.string().check(z.maxLength(64))),
  readAt: z.nullable(isoDateSchema),
  createdAt: isoDateSchema,
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export interface NotificationPage {
  items: NotificationDto[];
  nextCursor: string | null;
  unreadCount: number;
}

/** The entry's sentence without the actor ("reacted 👍 to your message"), browser-safe and zod-free for the panel. */
export function notificationAction(n: Pick<NotificationDto, "kind" | "text" | "conversation">): string {
  const where = n.conversation?.isGroup && n.conversation.name ? ` in ${n.conversation.name}` : "";
  switch (n.kind) {
    case "reaction":
      return `reacted ${n.text ?? ""} to your message`.replace("  ", " ");
    case "mention":
      return `mentioned you${where}`;
    case "contact_request":
      return "sent you a contact request";
    case "group_invitation":
      return `invited you to ${n.conversation?.name ?? "a group"}`;
  }
}
