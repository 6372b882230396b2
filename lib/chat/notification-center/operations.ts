// The notification center's writes (issue 16). Entries are created by the operations that write
// their cause, in the cause's own transaction (so an entry is never lost nor left without its
// cause): contact requests (lib/chat/contacts), group invitations (lib/chat/group-invitations),
// mentions (lib/chat/messages/send.ts) and reactions (lib/chat/message-actions). Those operations
// use the helpers below for the rules (nobody is notified of their own act, nor by someone they
// blocked or who blocked them) and for the events their outcome returns. The recipient marks one
// entry or all of them read; answering a request or invitation marks its entry read; taking a
// reaction back (or cancelling a request) removes its entry.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isValidId, type Db } from "@/lib/chat/kernel/access";
import { command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import type { Prisma } from "@/lib/generated/prisma/client";
import { userChannel } from "@/lib/realtime/channels";
import { NOTIFICATION_CENTER_EVENTS } from "./events";
import { notificationSelect, toNotificationDto, unreadNotificationCount } from "./reads";
import { markReadSchema, type MarkReadInput } from "./schemas";

const notFound = () => new AppError("not_found", "Notification not found.");

/**
 * Of `recipientIds`, those `actorId` may notify: not the actor, and no block either way between
 * them. One statement, only when there is someone to check.
 */
export async function notifiable(actorId: string, recipientIds: readonly string[], client: Db = db): Promise<string[]> {
  const others = [...new Set(recipientIds)].filter((id) => id !== actorId);
  if (others.length === 0) return [];
  const blocks = await client.block.findMany({
    where: {
      OR: [
        { blockerId: actorId, blockedId: { in: others } },
        { blockedId: actorId, blockerId: { in: others } },
      ],
    },
    select: { blockerId: true, blockedId: true },
  });
  const blocked = new Set(blocks.map((b) => (b.blockerId === actorId ? b.blockedId : b.blockerId)));
  return others.filter((id) => !blocked.has(id));
}

/** The `notification:new` events of the entries `where` selects (read after the commit), one per recipient. */
export async function newNotificationEvents(where: Prisma.NotificationWhereInput): Promise<DomainEvent[]> {
  const rows = await db.notification.findMany({ where, select: { recipientId: true }, take: 100 });
  if (rows.length === 0) return [];
  const recipients = [...new Set(rows.map((r) => r.recipientId))];
  const full = await db.notification.findMany({ where, select: notificationSelect(recipients), take: 100 });
  return Promise.all(
    full.flatMap((row) => {
      const notification = toNotificationDto(row);
      if (!notification) return [];
      return [
        unreadNotificationCount(row.recipientId).then((unreadCount): DomainEvent => ({
          channels: userChannel(row.recipientId),
          event: NOTIFICATION_CENTER_EVENTS.notificationNew,
          payload: { notification, unreadCount },
        })),
      ];
    }),
  );
}

/**
 * A member who left a group (or was removed from it): their mention and reaction entries of it go
 * (they would open a chat they no longer see). In the leave's transaction; returns the entries, for
 * `removedNotificationEvents` after the commit.
 */
export async function dropChatEntries(tx: Db, conversationId: string, recipientId: string) {
  const entries = await entriesOf({ conversationId, recipientId, kind: { in: ["mention", "reaction"] } }, tx);
  if (entries.length > 0) await tx.notification.deleteMany({ where: { id: { in: entries.map((e) => e.id) } } });
  return entries;
}

/** Entries about to go with their cause (read before the delete): their ids per recipient. */
export async function entriesOf(where: Prisma.NotificationWhereInput, client: Db = db) {
  return client.notification.findMany({ where, select: { id: true, recipientId: true }, take: 100 });
}

async function perRecipient(
  entries: { id: string; recipientId: string }[],
  event: typeof NOTIFICATION_CENTER_EVENTS.notificationRead | typeof NOTIFICATION_CENTER_EVENTS.notificationRemoved,
): Promise<DomainEvent[]> {
  const byRecipient = new Map<string, string[]>();
  for (const e of entries) byRecipient.set(e.recipientId, [...(byRecipient.get(e.recipientId) ?? []), e.id]);
  return Promise.all(
    [...byRecipient].map(async ([recipientId, ids]) => ({
      channels: userChannel(recipientId),
      event,
      payload: { ids, unreadCount: await unreadNotificationCount(recipientId) },
    })),
  );
}

/** `notification:removed` for entries whose cause went (after the commit). */
export const removedNotificationEvents = (entries: { id: string; recipientId: string }[]) =>
  entries.length > 0 ? perRecipient(entries, NOTIFICATION_CENTER_EVENTS.notificationRemoved) : Promise.resolve([]);

/**
 * Marks read the unread entries `where` selects (a request or invitation was answered): returns
 * the `notification:read` events for the recipients' tabs.
 */
export async function markCauseRead(where: Prisma.NotificationWhereInput): Promise<DomainEvent[]> {
  const entries = await db.notification.findMany({
    where: { AND: [where, { readAt: null }] },
    select: { id: true, recipientId: true },
    take: 100,
  });
  if (entries.length === 0) return [];
  await db.notification.updateMany({ where: { id: { in: entries.map((e) => e.id) }, readAt: null }, data: { readAt: new Date() } });
  return perRecipient(entries, NOTIFICATION_CENTER_EVENTS.notificationRead);
}

/** Marks one of my entries read (`{id}`), or all of them (`{all: true}`). Anyone else's entry: 404. */
export const markNotificationsRead = command(async (actorId: string, input: MarkReadInput | Record<string, unknown>) => {
  const parsed = parseInput(markReadSchema, input);
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const now = new Date();
  if ("id" in parsed) {
    if (!isValidId(parsed.id)) throw notFound();
    const entry = await db.notification.findFirst({ where: { id: parsed.id, recipientId: actorId }, select: { id: true, readAt: true } });
    if (!entry) throw notFound();
    if (entry.readAt) return outcome({ unreadCount: await unreadNotificationCount(actorId) });
    await db.notification.updateMany({ where: { id: entry.id, recipientId: actorId, readAt: null }, data: { readAt: now } });
    const unreadCount = await unreadNotificationCount(actorId);
    return outcome({ unreadCount }, [
      { channels: userChannel(actorId), event: NOTIFICATION_CENTER_EVENTS.notificationRead, payload: { ids: [entry.id], unreadCount } },
    ]);
  }
  const { count } = await db.notification.updateMany({ where: { recipientId: actorId, readAt: null }, data: { readAt: now } });
  // Counted again: an entry made meanwhile stays unread.
  const unreadCount = count === 0 ? 0 : await unreadNotificationCount(actorId);
  if (count === 0) return outcome({ unreadCount: await unreadNotificationCount(actorId) });
  return outcome({ unreadCount }, [
    { channels: userChannel(actorId), event: NOTIFICATION_CENTER_EVENTS.notificationRead, payload: { all: true, unreadCount } },
  ]);
});
