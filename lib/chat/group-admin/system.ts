// System messages of a group (issue 15): "Ana added Ben", "Ben left", "Ana renamed the group".
// Each is an ordinary Message row (so history pages, the delete-for-me rules, the history cut-off
// and unread counts treat it like any other: its sender is who did it, so it is never unread for
// them) with `systemEvent` set and no body; `systemTarget` is the member it happened to. Written in
// the transaction of the change it records; published like a send (message:new on the chat's
// channel, conversation:update with the preview to each member's list).
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/config/env";
import type { Db } from "@/lib/chat/kernel/access";
import type { DomainEvent } from "@/lib/chat/kernel/events";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { CONVERSATION_EVENTS } from "@/lib/chat/conversations/events";
import { MESSAGE_EVENTS } from "@/lib/chat/messages/events";
import { messageSelect, toMessageDto, toPreview } from "@/lib/chat/messages/read-shape";
import { conversationChannel, userChannel } from "@/lib/realtime/channels";
import type { StoredSystemEvent } from "./dto";

export interface SystemEntry {
  event: StoredSystemEvent;
  /** The member it happened to (added, removed, promoted, demoted; the leaver for "left"). */
  targetId?: string | null;
}

/**
 * Writes one system message per entry, sent by `actorId`, a millisecond apart from `at` on (so they
 * keep their order), and moves the conversation's lastMessageAt. Returns their ids.
 */
export async function writeSystemMessages(
  tx: Db,
  conversationId: string,
  actorId: string,
  entries: SystemEntry[],
  at: Date = new Date(),
): Promise<string[]> {
  const provider = serverEnv().databaseProvider;
  const ids: string[] = [];
  let last = at;
  for (const [index, entry] of entries.entries()) {
    const createdAt = new Date(at.getTime() + index);
    const id = newMessageId(provider, createdAt.getTime());
    await tx.message.create({
      data: {
        id,
        createdAt,
        conversationId,
        senderId: actorId,
        systemEvent: entry.event as Prisma.InputJsonObject,
        systemTargetId: entry.targetId ?? null,
      },
      select: { id: true },
    });
    ids.push(id);
    last = createdAt;
  }
  if (ids.length > 0) {
    await tx.conversation.updateMany({ where: { id: conversationId, lastMessageAt: { lt: last } }, data: { lastMessageAt: last } });
  }
  return ids;
}

/**
 * The events of committed system messages: each message on the chat's channel (oldest first), and
 * one conversation:update per member with the newest as the list preview and the member ids (each
 * client reads the summary again: names, roles, description and settings follow).
 */
export async function systemMessageEvents(conversationId: string, messageIds: string[], memberIds: string[]): Promise<DomainEvent[]> {
  if (messageIds.length === 0) {
    return memberIds.length > 0
      ? [
          {
            channels: memberIds.map(userChannel),
            event: CONVERSATION_EVENTS.conversationUpdate,
            payload: { id: conversationId, memberIds },
          },
        ]
      : [];
  }
  const rows = await db.message.findMany({
    where: { id: { in: messageIds } },
    select: messageSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const messages = rows.map(toMessageDto);
  const newest = rows.at(-1)!;
  const events: DomainEvent[] = messages.map((message) => ({
    channels: conversationChannel(conversationId),
    event: MESSAGE_EVENTS.messageNew,
    payload: message,
  }));
  if (memberIds.length > 0) {
    events.push({
      channels: memberIds.map(userChannel),
      event: CONVERSATION_EVENTS.conversationUpdate,
      payload: {
        id: conversationId,
        lastMessageAt: newest.createdAt.toISOString(),
        lastMessage: toPreview({ ...newest, senderId: newest.sender.id, deletedAt: null }),
        memberIds,
      },
    });
  }
  return events;
}

/**
 * The events of new members joining (added, or by an invite link): the system messages' events for
 * those who were there (`before`), and conversation:new for each newcomer (each client then reads
 * the summary it may see).
 */
export async function joinedEvents(
  conversationId: string,
  messageIds: string[],
  before: string[],
  newcomers: string[],
): Promise<DomainEvent[]> {
  const header = await db.conversation.findUnique({ where: { id: conversationId }, select: { name: true, lastMessageAt: true } });
  return [
    ...(await systemMessageEvents(conversationId, messageIds, before)),
    {
      channels: newcomers.map(userChannel),
      event: CONVERSATION_EVENTS.conversationNew,
      payload: {
        id: conversationId,
        name: header?.name ?? null,
        isGroup: true,
        lastMessageAt: (header?.lastMessageAt ?? new Date()).toISOString(),
        memberIds: [...before, ...newcomers].sort(),
      },
    },
  ];
}

/**
 * In the transaction of a join (an invite link, an accepted invitation): `userId` becomes a plain
 * member and the system message of `kind` records it ("Ben joined using an invite link", "Ben
 * joined"). Returns the message's id. A unique violation means they were a member already.
 * `addedById` is who let them in, shown as "Added by …" in the group info: the inviter of an
 * accepted invitation; null for an invite link (they joined by themselves: "Joined …").
 */
export async function joinAsMember(
  tx: Db,
  conversationId: string,
  userId: string,
  kind: "joined" | "accepted",
  addedById: string | null = null,
): Promise<string[]> {
  await tx.conversation.update({ where: { id: conversationId }, data: { users: { connect: { id: userId } } }, select: { id: true } });
  await tx.conversationMemberState.create({ data: { conversationId, userId, role: "member", addedById }, select: { id: true } });
  return writeSystemMessages(tx, conversationId, userId, [{ event: { kind }, targetId: userId }]);
}
