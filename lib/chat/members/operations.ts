// Membership changes of the members capability: leave a group, hide a 1:1 for me ("delete for me").
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireMembership } from "@/lib/chat/kernel/access";
import { command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { CONVERSATION_EVENTS } from "@/lib/chat/conversations/events";
import { markAllSeen } from "@/lib/chat/receipts/operations";
import { listStateEvent } from "@/lib/chat/chat-list/reads";
import { userChannel } from "@/lib/realtime/channels";
import { systemMessageEvents, writeSystemMessages } from "@/lib/chat/group-admin/system";
import { forgetGroupIcon } from "@/lib/chat/group-admin/icon";
import { dropChatEntries, removedNotificationEvents } from "@/lib/chat/notification-center/operations";

export type RemoveResult = { result: "left" } | { result: "hidden" };

/**
 * Leaves a group: I am removed from its members; my messages stay for the others. If I was the
 * last admin, the longest-standing remaining member becomes admin; if I was the last member, the
 * conversation is deleted (nobody is left whose history it is).
 */
export const leaveGroup = command(async (actorId: string, conversationId: string) => {
  const membership = await requireMembership(actorId, conversationId);
  if (!membership.conversation.isGroup) {
    throw new AppError("bad_request", "You cannot leave a 1:1 conversation; delete it for yourself instead.");
  }
  let dropped: Awaited<ReturnType<typeof dropChatEntries>> = [];
  const { remaining, messageIds, droppedIcon } = await db.$transaction(async (tx) => {
    await tx.conversation.update({
      where: { id: conversationId },
      data: { users: { disconnect: { id: actorId } } },
      select: { id: true },
    });
    await tx.conversationMemberState.deleteMany({ where: { conversationId, userId: actorId } });
    // My notification center's mentions and reactions of it go too (issue 16).
    dropped = await dropChatEntries(tx, conversationId, actorId);
    const left = await tx.conversation.findUnique({
      where: { id: conversationId },
      select: { users: { select: { id: true }, orderBy: { id: "asc" } } },
    });
    const memberIds = left?.users.map((u) => u.id) ?? [];
    if (memberIds.length === 0) {
      // Its messages, member states and 1:1 row cascade with it; its icon's file goes after the commit.
      const { iconKey } = await tx.conversation.delete({ where: { id: conversationId }, select: { iconKey: true } });
      return { remaining: [], messageIds: [], droppedIcon: iconKey };
    }
    const admins = await tx.conversationMemberState.count({
      where: { conversationId, role: "admin", userId: { in: memberIds } },
    });
    if (admins === 0) {
      const successor = await tx.conversationMemberState.findFirst({
        where: { conversationId, userId: { in: memberIds } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      if (successor) await tx.conversationMemberState.update({ where: { id: successor.id }, data: { role: "admin" } });
    }
    // "Ana left" in the timeline of those who stay (lib/chat/group-admin/system.ts).
    const written = await writeSystemMessages(tx, conversationId, actorId, [{ event: { kind: "left" }, targetId: actorId }]);
    return { remaining: memberIds, messageIds: written, droppedIcon: null };
  });
  await forgetGroupIcon(droppedIcon);
  // My Archived folder's count may have changed (my state of the group went with me).
  const cleared = await listStateEvent(actorId, conversationId, { pinnedAt: null, mutedUntil: null, archivedAt: null });
  return outcome<RemoveResult>(
    { result: "left" },
    [
      { channels: userChannel(actorId), event: CONVERSATION_EVENTS.conversationRemove, payload: { id: conversationId } },
      cleared,
      ...(await systemMessageEvents(conversationId, messageIds, remaining)),
      ...(await removedNotificationEvents(dropped)),
    ],
    { endRealtimeAccessOf: [actorId] },
  );
});

/**
 * "Delete" of a 1:1 for me only: the chat leaves my list, everything up to now is marked seen and
 * hidden from me (historyFrom). The other member keeps the full history. A new message in the
 * chat, or starting a chat with the same person again, brings it back with only the newer messages.
 * Hiding also unpins and unarchives it (it comes back as a plain chat); a mute stays. Archive
 * (lib/chat/chat-list) is the way to set a chat aside and keep its history.
 */
export const hideConversation = command(async (actorId: string, conversationId: string) => {
  const membership = await requireMembership(actorId, conversationId);
  if (membership.conversation.isGroup) {
    throw new AppError("bad_request", "Leave the group instead.");
  }
  return outcome<RemoveResult>({ result: "hidden" }, await hideDirectFor(actorId, conversationId));
});

/**
 * Hides a 1:1 of mine from my list with the history so far ("delete for me"); `also` is written in
 * the same statement (a declined message request, lib/chat/message-requests). The caller checked
 * my membership. Returns the events for my tabs and devices.
 */
export async function hideDirectFor(
  actorId: string,
  conversationId: string,
  also: { messageRequest?: "declined" } = {},
): Promise<DomainEvent[]> {
  const now = new Date();
  const state = await db.conversationMemberState.upsert({
    where: { conversationId_userId: { conversationId, userId: actorId } },
    create: { conversationId, userId: actorId, hidden: true, historyFrom: now, ...also },
    update: { hidden: true, historyFrom: now, pinnedAt: null, pinSlot: null, archivedAt: null, ...also },
    select: { mutedUntil: true },
  });
  await markAllSeen(actorId, conversationId, now);
  return [
    { channels: userChannel(actorId), event: CONVERSATION_EVENTS.conversationRemove, payload: { id: conversationId } },
    await listStateEvent(actorId, conversationId, {
      pinnedAt: null,
      mutedUntil: state.mutedUntil?.toISOString() ?? null,
      archivedAt: null,
    }),
  ];
}

/** DELETE /api/conversations/[id]: leave a group, or hide a 1:1 for me. */
export const removeConversationForMe = command(async (actorId: string, conversationId: string) => {
  const membership = await requireMembership(actorId, conversationId);
  return membership.conversation.isGroup ? leaveGroup.run(actorId, conversationId) : hideConversation.run(actorId, conversationId);
});
