// Reads of the notification center (issue 16): a keyset page of my entries, newest first
// ((recipientId, createdAt desc, id desc) index), and my unread count ((recipientId, readAt) index).
// Only the recipient ever reads an entry: every read is keyed on the acting user.
import "server-only";
import { db } from "@/lib/db/client";
import { isValidId, shownUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import { cursorArg, keysetPage, olderThan } from "@/lib/chat/kernel/keyset";
import { parseInput } from "@/lib/chat/kernel/input";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sees } from "@/lib/chat/privacy/rules";
import { AppError } from "@/lib/errors";
import { NOTIFICATION_KINDS, type NotificationDto, type NotificationKind, type NotificationPage } from "./dto";
import { listNotificationsSchema, type ListNotificationsInput } from "./schemas";

/** What an entry shows, read for `readerIds` (the actor's photo follows their privacy towards each reader). */
export const notificationSelect = (readerIds: string[]) =>
  ({
    id: true,
    recipientId: true,
    kind: true,
    text: true,
    readAt: true,
    createdAt: true,
    messageId: true,
    contactRequestId: true,
    groupInvitationId: true,
    actor: {
      select: {
        ...shownUserSelect,
        privacy: { select: { lastSeen: true, photo: true, about: true } },
        contacts: { where: { contactId: { in: readerIds } }, select: { id: true, contactId: true } },
      },
    },
    conversation: { select: { id: true, name: true, isGroup: true } },
  }) as const satisfies Prisma.NotificationSelect;

type NotificationRow = Prisma.NotificationGetPayload<{ select: ReturnType<typeof notificationSelect> }>;

const isKind = (kind: string): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind);

/** The entry as its recipient sees it (null for a row of an unknown kind: never shown). */
export function toNotificationDto(row: NotificationRow): NotificationDto | null {
  if (!isKind(row.kind)) return null;
  const reader = row.recipientId;
  // Read for the recipient alone: a contacts-only photo is shown to a contact (toSafeUser, for
  // everyone alike, would leave it out), none to anyone else.
  const actor = toSafeUser(row.actor);
  const audience = { id: row.actor.id, privacy: row.actor.privacy, contacts: row.actor.contacts.filter((c) => c.contactId === reader) };
  const image = !row.actor.deletedAt && sees(reader, audience, "photo") ? row.actor.image : null;
  return {
    id: row.id,
    kind: row.kind,
    actor: { ...actor, image },
    conversation: row.conversation
      ? { id: row.conversation.id, name: row.conversation.name, isGroup: row.conversation.isGroup === true }
      : null,
    messageId: row.messageId,
    contactRequestId: row.contactRequestId,
    groupInvitationId: row.groupInvitationId,
    text: row.text,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** My unread entries. */
export async function unreadNotificationCount(actorId: string): Promise<number> {
  if (!isValidId(actorId)) return 0;
  return db.notification.count({ where: { recipientId: actorId, readAt: null } });
}

/** A page of my entries, newest first, with my unread count. */
export async function listNotifications(
  actorId: string,
  input: ListNotificationsInput | Record<string, unknown> = {},
): Promise<NotificationPage> {
  const { cursor, limit } = parseInput(listNotificationsSchema, input);
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const position = cursorArg(cursor);
  const [rows, unreadCount] = await Promise.all([
    db.notification.findMany({
      where: position ? { AND: [{ recipientId: actorId }, olderThan(position)] } : { recipientId: actorId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: notificationSelect([actorId]),
    }),
    unreadNotificationCount(actorId),
  ]);
  const { page, nextCursor } = keysetPage(rows, limit, (row) => ({ at: row.createdAt, id: row.id }));
  return { items: page.map(toNotificationDto).filter((n): n is NotificationDto => n !== null), nextCursor, unreadCount };
}
