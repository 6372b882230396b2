// The call log (issue 18): my Calls tab (every call I was rung in or started, newest first, keyset
// on my participant row's (invitedAt, id): index CallParticipant(userId, invitedAt desc, id desc)),
// and a conversation's calls for its timeline. One statement a page (relation joins).
import "server-only";
import { db } from "@/lib/db/client";
import { isValidId, requireMembership, shownUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import { encodeCursor } from "@/lib/chat/kernel/cursor";
import { parseInput } from "@/lib/chat/kernel/input";
import { cursorArg } from "@/lib/chat/kernel/keyset";
import type { CallLogEntry } from "./dto";
import type { CallStatus, CallType } from "./limits";
import { callLogPageSchema, type CallLogPageInput } from "./schemas";

const durationOf = (call: { startedAt: Date | null; endedAt: Date | null }): number | null =>
  call.startedAt && call.endedAt ? Math.max(0, Math.round((call.endedAt.getTime() - call.startedAt.getTime()) / 1000)) : null;

export async function listMyCalls(
  actorId: string,
  input: CallLogPageInput | Record<string, unknown> = {},
): Promise<{ items: CallLogEntry[]; nextCursor: string | null }> {
  const { cursor, limit } = parseInput(callLogPageSchema, input);
  const position = cursorArg(cursor);
  if (!isValidId(actorId)) return { items: [], nextCursor: null };
  const rows = await db.callParticipant.findMany({
    where: {
      userId: actorId,
      ...(position ? { OR: [{ invitedAt: { lt: position.at } }, { invitedAt: position.at, id: { lt: position.id } }] } : {}),
    },
    orderBy: [{ invitedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      invitedAt: true,
      status: true,
      joinedAt: true,
      call: {
        select: {
          id: true,
          type: true,
          status: true,
          callerId: true,
          createdAt: true,
          startedAt: true,
          endedAt: true,
          conversation: {
            select: { id: true, name: true, isGroup: true, users: { where: { id: { not: actorId } }, select: shownUserSelect, take: 1 } },
          },
        },
      },
    },
  });
  const page = rows.slice(0, limit);
  const items = page.map(({ call, status, joinedAt }): CallLogEntry => {
    const { conversation } = call;
    const other = conversation.users[0] ? toSafeUser(conversation.users[0]) : null;
    const isGroup = conversation.isGroup === true;
    const outgoing = call.callerId === actorId;
    return {
      id: call.id,
      conversationId: conversation.id,
      title: isGroup ? (conversation.name ?? "Group") : (other?.name ?? "Unknown"),
      image: isGroup ? null : (other?.image ?? null),
      type: call.type as CallType,
      direction: outgoing
        ? "outgoing"
        : status === "missed" || (!joinedAt && status !== "declined" && status !== "ringing")
          ? "missed"
          : "incoming",
      status: call.status as CallStatus,
      createdAt: call.createdAt.toISOString(),
      durationSeconds: durationOf(call),
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.invitedAt, id: last.id }) : null };
}

/** A conversation's calls for its timeline: the calls started in [from, to] (a history page's span). */
export async function conversationCallLog(actorId: string, conversationId: string, take = 50) {
  await requireMembership(actorId, conversationId);
  const rows = await db.call.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, type: true, status: true, callerId: true, createdAt: true, startedAt: true, endedAt: true },
  });
  return rows.map((call) => ({
    id: call.id,
    type: call.type as CallType,
    status: call.status as CallStatus,
    callerId: call.callerId,
    createdAt: call.createdAt.toISOString(),
    durationSeconds: durationOf(call),
  }));
}
