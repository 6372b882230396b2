// My status (issue 15): online / busy / invisible chosen from the avatar menu, and "away" set by
// itself when my devices are idle. Stored on my UserActivity row. Others read it in conversation
// summaries (lib/chat/conversations/reads.ts) and follow presence:status on the presence channels
// of my conversations; an invisible user is refused every presence channel
// (lib/realtime/authorize.ts), so they look offline to everyone. My devices follow user:status.
import "server-only";
import { db } from "@/lib/db/client";
import { command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { conversationPresenceChannel, userChannel } from "@/lib/realtime/channels";
import { shownStatus, toMyStatus, type MyStatus } from "./dto";
import { STATUS_EVENTS } from "./events";
import { statusSelect } from "./reads";
import { setAwaySchema, setStatusSchema, type SetAwayInput, type SetStatusInput } from "./schemas";

/** To my devices, and to whoever is on a presence channel of one of my conversations. */
async function statusEvents(actorId: string, status: MyStatus): Promise<DomainEvent[]> {
  const mine = await db.conversation.findMany({ where: { users: { some: { id: actorId } } }, select: { id: true } });
  return [
    { channels: userChannel(actorId), event: STATUS_EVENTS.status, payload: status },
    {
      channels: mine.map((c) => conversationPresenceChannel(c.id)),
      event: STATUS_EVENTS.memberStatus,
      payload: { userId: actorId, status: shownStatus(status) },
    },
  ];
}

export const setStatus = command(async (actorId: string, input: SetStatusInput | Record<string, unknown>) => {
  const { status } = parseInput(setStatusSchema, input);
  const stored = status === "online" ? null : status;
  const now = new Date();
  // Going invisible stamps my last activity now: it then stays there (touchActivity skips me).
  const row = await db.userActivity.upsert({
    where: { userId: actorId },
    create: { userId: actorId, lastActiveAt: now, status: stored },
    update: { status: stored, ...(status === "invisible" ? { lastActiveAt: now } : {}) },
    select: statusSelect,
  });
  const mine = toMyStatus(row);
  return outcome(mine, await statusEvents(actorId, mine));
});

/** An idle device says I am away (true), an active one that I am back (false). Only a change is told. */
export const setAway = command(async (actorId: string, input: SetAwayInput | Record<string, unknown>) => {
  const { away } = parseInput(setAwaySchema, input);
  const { count } = await db.userActivity.updateMany({
    where: away ? { userId: actorId, awaySince: null } : { userId: actorId, awaySince: { not: null } },
    data: { awaySince: away ? new Date() : null },
  });
  const mine = toMyStatus(await db.userActivity.findUnique({ where: { userId: actorId }, select: statusSelect }));
  return outcome(mine, count > 0 ? await statusEvents(actorId, mine) : []);
});
