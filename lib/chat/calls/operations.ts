// Calls (issue 18): the server-side state of every call and the authorization of its signalling.
//
// State machine (a call):       ringing ──accept──▶ active ──last but one leaves──▶ ended
//                                  │  └─caller hangs up / ring timeout──▶ missed
//                                  └─every callee declined──▶ declined
// A participant:  ringing → joined → left, or ringing → declined / missed; busy when rung while in
// another call. The state lives here, not in a tab: a ringing invitation older than the ring
// timeout is missed, and a joined participant whose tab stopped reporting (CALL_STALE_SECONDS) has
// left, whether or not the ring timer of the instance that started the call still runs ("lazy
// expiry": every operation and read settles the call first, `settle`), so a crashed tab cannot
// leave a call ringing or anyone "in a call" for ever.
//
// Two rows keep the invariants under concurrency on PostgreSQL (unique indexes): `Call.activeKey`
// (the conversation id while a call is live: one live call per conversation, so glare — both
// call at once — converges on one call, the second caller joining it) and
// `CallParticipant.busyKey` (the user id while ringing out or joined: nobody is in two calls).
//
// Every entry point takes the acting user, goes through the conversation's membership gate
// (a non-member gets 404, like a conversation that does not exist), and returns the events its
// writes imply: `call:update` to every participant's user channel, `call:signal` to its one target.
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { busyUserIds } from "@/lib/chat/status/reads";
import {
  isUniqueViolation,
  isValidId,
  requireMembership,
  shownUserSelect,
  toSafeUser,
  type Db,
  type ShownUserRow,
} from "@/lib/chat/kernel/access";
import { afterCommit, command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { userChannel } from "@/lib/realtime/channels";
import { trackBackgroundWork } from "@/lib/server/lifecycle";
import type { CallDto, IceServer } from "./dto";
import { CALL_EVENTS } from "./events";
import { iceServersFor } from "./ice";
import {
  CALL_PARTICIPANTS_MAX,
  CALL_SCREEN_SHARES_MAX,
  CALL_STALE_SECONDS,
  type CallStatus,
  type CallType,
  type ParticipantStatus,
} from "./limits";
import {
  callActionSchema,
  signalInputSchema,
  startCallSchema,
  type CallActionInput,
  type SignalInput,
  type StartCallInput,
} from "./schemas";

const callNotFound = () => new AppError("not_found", "Call not found.");

const participantSelect = {
  id: true,
  userId: true,
  status: true,
  busyKey: true,
  invitedAt: true,
  joinedAt: true,
  leftAt: true,
  lastSeenAt: true,
  screenShares: true,
  user: { select: shownUserSelect },
} as const;

const callSelect = {
  id: true,
  conversationId: true,
  callerId: true,
  type: true,
  status: true,
  activeKey: true,
  createdAt: true,
  startedAt: true,
  endedAt: true,
  caller: { select: shownUserSelect },
  participants: { select: participantSelect, orderBy: { invitedAt: "asc" } },
} as const;

interface ScreenShare {
  startedAt: string;
  endedAt: string | null;
}

interface ParticipantState {
  /** Absent for a participant added by this operation (a member joining late). */
  id?: string;
  userId: string;
  status: ParticipantStatus;
  busyKey: string | null;
  invitedAt: Date;
  joinedAt: Date | null;
  leftAt: Date | null;
  lastSeenAt: Date | null;
  screenShares: ScreenShare[];
  user: ShownUserRow;
}

interface CallState {
  id: string;
  conversationId: string;
  callerId: string;
  type: CallType;
  status: CallStatus;
  activeKey: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  caller: ShownUserRow;
  participants: ParticipantState[];
}

type CallRow = NonNullable<Awaited<ReturnType<typeof findCall>>>;

function findCall(client: Db, where: { id: string } | { activeKey: string }) {
  return client.call.findFirst({ where, select: callSelect });
}

function toState(row: CallRow): CallState {
  return {
    ...row,
    type: row.type as CallType,
    status: row.status as CallStatus,
    participants: row.participants.map((p) => ({
      ...p,
      status: p.status as ParticipantStatus,
      screenShares: Array.isArray(p.screenShares) ? (p.screenShares as unknown as ScreenShare[]) : [],
    })),
  };
}

const ringTimeoutMs = () => serverEnv().CALL_RING_TIMEOUT_SECONDS * 1000;
const isLive = (status: CallStatus) => status === "ringing" || status === "active";

export function toCallDto(call: CallState): CallDto {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    id: call.id,
    conversationId: call.conversationId,
    type: call.type,
    status: call.status,
    caller: toSafeUser(call.caller),
    createdAt: call.createdAt.toISOString(),
    startedAt: iso(call.startedAt),
    endedAt: iso(call.endedAt),
    ringUntil: new Date(call.createdAt.getTime() + ringTimeoutMs()).toISOString(),
    participants: call.participants.map((p) => ({
      user: toSafeUser(p.user),
      status: p.status,
      joinedAt: iso(p.joinedAt),
      leftAt: iso(p.leftAt),
      sharing: p.status === "joined" && p.screenShares.some((share) => share.endedAt === null),
      screenShares: p.screenShares.map((share) => ({ startedAt: share.startedAt, endedAt: share.endedAt })),
    })),
  };
}

function leave(p: ParticipantState, at: Date): void {
  p.status = "left";
  p.busyKey = null;
  p.leftAt = at;
  for (const share of p.screenShares) share.endedAt ??= at.toISOString();
}

/**
 * The time-driven transitions, then the call's own status from its participants' (pure; mutates
 * `call`): rings past the timeout are missed, silent joined tabs have left; a ringing call whose
 * caller left is missed, one nobody else can still answer ends declined or missed; a running call
 * with fewer than two people and nobody ringing ends.
 */
export function settle(call: CallState, now: Date): void {
  if (!isLive(call.status)) return;
  const ringEnd = call.createdAt.getTime() + ringTimeoutMs();
  for (const p of call.participants) {
    if (p.status === "ringing" && now.getTime() >= Math.max(ringEnd, p.invitedAt.getTime() + ringTimeoutMs())) p.status = "missed";
    if (p.status === "joined" && p.lastSeenAt && now.getTime() - p.lastSeenAt.getTime() > CALL_STALE_SECONDS * 1000) {
      leave(p, p.lastSeenAt);
    }
  }
  const joined = call.participants.filter((p) => p.status === "joined").length;
  const ringing = call.participants.filter((p) => p.status === "ringing").length;
  let ended: CallStatus | null = null;
  if (call.status === "ringing") {
    const caller = call.participants.find((p) => p.userId === call.callerId);
    if (caller?.status !== "joined") ended = "missed";
    else if (ringing === 0) ended = call.participants.some((p) => p.status === "declined") ? "declined" : "missed";
  } else if (joined === 0 || (joined === 1 && ringing === 0)) {
    ended = "ended";
  }
  if (!ended) return;
  call.status = ended;
  call.endedAt = now;
  call.activeKey = null;
  for (const p of call.participants) {
    if (p.status === "joined") leave(p, now);
    if (p.status === "ringing") p.status = "missed";
    p.busyKey = null;
  }
}

const participantData = (p: ParticipantState) => ({
  status: p.status,
  busyKey: p.busyKey,
  joinedAt: p.joinedAt,
  leftAt: p.leftAt,
  lastSeenAt: p.lastSeenAt,
  screenShares: p.screenShares.length > 0 ? (p.screenShares as unknown as object[]) : undefined,
});

/** Writes what changed between `before` and `after` (one transaction). A taken busyKey is a 409. */
async function persist(before: CallState, after: CallState): Promise<void> {
  const previous = new Map(before.participants.map((p) => [p.id, JSON.stringify(participantData(p))]));
  const callChanged =
    before.status !== after.status ||
    before.activeKey !== after.activeKey ||
    before.startedAt?.getTime() !== after.startedAt?.getTime() ||
    before.endedAt?.getTime() !== after.endedAt?.getTime();
  // Participants who give up their busy key first, so a key moving between rows never collides.
  const changed = after.participants.filter((p) => !p.id || previous.get(p.id) !== JSON.stringify(participantData(p)));
  changed.sort((a, b) => Number(a.busyKey !== null) - Number(b.busyKey !== null));
  if (!callChanged && changed.length === 0) return;
  try {
    await db.$transaction(async (tx) => {
      for (const p of changed) {
        if (p.id) await tx.callParticipant.update({ where: { id: p.id }, data: participantData(p), select: { id: true } });
        else
          await tx.callParticipant.create({
            data: { callId: after.id, userId: p.userId, invitedAt: p.invitedAt, ...participantData(p) },
            select: { id: true },
          });
      }
      if (callChanged) {
        await tx.call.update({
          where: { id: after.id },
          data: { status: after.status, activeKey: after.activeKey, startedAt: after.startedAt, endedAt: after.endedAt },
          select: { id: true },
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "You are already in another call.");
    throw error;
  }
}

const clone = (call: CallState): CallState => ({
  ...call,
  participants: call.participants.map((p) => ({ ...p, screenShares: p.screenShares.map((s) => ({ ...s })) })),
});

/** The `call:update` of a call to each of its participants' user channels. */
function updateEvents(call: CallState): DomainEvent[] {
  const payload = toCallDto(call);
  return [{ channels: call.participants.map((p) => userChannel(p.userId)), event: CALL_EVENTS.callUpdate, payload }];
}

/** Settles, applies `change`, settles again and writes: the new state and its events (none if nothing changed). */
async function transition(
  row: CallRow,
  change?: (call: CallState, now: Date) => void,
): Promise<{ call: CallState; events: DomainEvent[] }> {
  const before = toState(row);
  const call = clone(before);
  const now = new Date();
  settle(call, now);
  change?.(call, now);
  settle(call, now);
  await persist(before, call);
  const changed = JSON.stringify(toCallDto(before)) !== JSON.stringify(toCallDto(call));
  return { call, events: changed ? updateEvents(call) : [] };
}

/** The call, if the actor is a member of its conversation (404 otherwise, as for a missing call). */
async function loadCallFor(actorId: string, callId: string): Promise<CallRow> {
  if (!isValidId(callId)) throw callNotFound();
  const row = await findCall(db, { id: callId });
  if (!row) throw callNotFound();
  await requireMembership(actorId, row.conversationId);
  return row;
}

/** The ring timer of this instance: settles the call when its invitations expire (lazy expiry covers a lost timer). */
function scheduleRingTimeout(callId: string): void {
  const timer = setTimeout(() => {
    void trackBackgroundWork(expireCall(callId).catch((error: unknown) => console.error("call ring timeout failed", error)));
  }, ringTimeoutMs() + 250);
  timer.unref?.();
}

/** Settles one call now (the ring timer's work; no actor: it only applies the time-driven transitions). */
export const expireCall = command(async (callId: string) => {
  const row = await findCall(db, { id: callId });
  if (!row) return outcome(null);
  const { call, events } = await transition(row);
  return outcome(toCallDto(call), events);
});

/** The live call a user is busy in (after settling it), or null. */
async function busyCall(userId: string): Promise<{ call: CallState; events: DomainEvent[] } | null> {
  const busy = await db.callParticipant.findFirst({ where: { busyKey: userId }, select: { callId: true } });
  if (!busy) return null;
  const row = await findCall(db, { id: busy.callId });
  if (!row) return null;
  return transition(row);
}

function join(call: CallState, actor: ParticipantState["user"], now: Date): void {
  if (!isLive(call.status)) throw new AppError("conflict", "This call has ended.");
  let me = call.participants.find((p) => p.userId === actor.id);
  if (me?.status === "joined") {
    me.lastSeenAt = now; // a reload rejoining
    return;
  }
  if (call.participants.filter((p) => p.status === "joined").length >= CALL_PARTICIPANTS_MAX) {
    throw new AppError("conflict", `This call is full (at most ${CALL_PARTICIPANTS_MAX} people).`);
  }
  if (!me) {
    me = {
      userId: actor.id,
      status: "ringing",
      busyKey: null,
      invitedAt: now,
      joinedAt: null,
      leftAt: null,
      lastSeenAt: null,
      screenShares: [],
      user: actor,
    };
    call.participants.push(me);
  }
  me.status = "joined";
  me.busyKey = actor.id;
  me.joinedAt = now;
  me.leftAt = null;
  me.lastSeenAt = now;
  if (call.status === "ringing") {
    call.status = "active";
    call.startedAt = now;
  }
}

/**
 * Starts a voice or video call in a conversation: the caller joins, every other member rings.
 * A live call already there (glare, or a group call running) is joined instead. Refused: the
 * caller already in a call, or in a 1:1 the other person busy (409; that refusal is still logged
 * for both as a missed call, see logBusyCall).
 */
export const startCall = command(async (actorId: string, conversationId: string, input: StartCallInput | Record<string, unknown>) => {
  const { type } = parseInput(startCallSchema, input);
  await requireMembership(actorId, conversationId);
  return startOrJoin(actorId, conversationId, type, 0);
});

async function startOrJoin(actorId: string, conversationId: string, type: CallType, attempt: number) {
  const events: DomainEvent[] = [];
  const existing = await findCall(db, { activeKey: conversationId });
  if (existing) {
    const me = await actorUser(actorId);
    const settled = await transition(existing);
    events.push(...settled.events);
    if (isLive(settled.call.status)) {
      const joined = await transition(await refetch(existing.id), (call, now) => join(call, me, now));
      return outcome({ call: toCallDto(joined.call), joined: true }, [...events, ...joined.events]);
    }
  }
  const mine = await busyCall(actorId);
  if (mine) events.push(...mine.events);
  if (mine && mine.call.participants.some((p) => p.userId === actorId && p.busyKey !== null)) {
    throw new AppError("conflict", "You are already in a call.");
  }
  const conversation = await db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { isGroup: true, users: { select: shownUserSelect } },
  });
  const others = conversation.users.filter((u) => u.id !== actorId && !u.deletedAt);
  if (others.length === 0) throw new AppError("conflict", "There is nobody to call in this chat.");
  const busyIds = new Set<string>();
  // Status busy (do not disturb, lib/chat/status): not rung, as if in another call.
  const doNotDisturb = await busyUserIds(others.map((u) => u.id));
  for (const other of others) {
    const theirs = await busyCall(other.id);
    if (theirs) events.push(...theirs.events);
    const inThatCall = theirs?.call.participants.some((p) => p.userId === other.id && p.busyKey !== null);
    // Glare: they started a call in this very chat after my first look; join theirs instead.
    if (inThatCall && theirs!.call.conversationId === conversationId && isLive(theirs!.call.status) && attempt === 0) {
      return startOrJoin(actorId, conversationId, type, 1);
    }
    if (inThatCall || doNotDisturb.has(other.id)) busyIds.add(other.id);
  }
  if (conversation.isGroup !== true && busyIds.size > 0) {
    const callee = others[0]!;
    await logBusyCall(actorId, conversationId, type, [callee.id], events);
    const why = doNotDisturb.has(callee.id) ? "busy (do not disturb)" : "busy on another call";
    throw new AppError("conflict", `${callee.name ?? "They"} is ${why}.`);
  }
  if (busyIds.size === others.length) {
    await logBusyCall(actorId, conversationId, type, [...busyIds], events);
    throw new AppError("conflict", doNotDisturb.size > 0 ? "Everyone is busy." : "Everyone is busy on another call.");
  }
  const now = new Date();
  let created: { id: string };
  try {
    created = await db.call.create({
      data: {
        conversationId,
        callerId: actorId,
        type,
        status: "ringing",
        activeKey: conversationId,
        createdAt: now,
        participants: {
          create: [
            { userId: actorId, status: "joined", busyKey: actorId, invitedAt: now, joinedAt: now, lastSeenAt: now },
            ...others.map((u) => ({ userId: u.id, status: busyIds.has(u.id) ? "busy" : "ringing", invitedAt: now })),
          ],
        },
      },
      select: { id: true },
    });
  } catch (error) {
    // Glare: another call of this conversation (or of mine) was created meanwhile; join it.
    if (isUniqueViolation(error) && attempt === 0) return startOrJoin(actorId, conversationId, type, 1);
    if (isUniqueViolation(error)) throw new AppError("conflict", "You are already in a call.");
    throw error;
  }
  scheduleRingTimeout(created.id);
  const call = toState(await refetch(created.id));
  return outcome({ call: toCallDto(call), joined: false }, [...events, ...updateEvents(call)]);
}

/**
 * A call refused because the other person of a 1:1 (or everyone in a group) is in another call
 * still goes in every call log (as WhatsApp shows the busy person a missed call): a call that ended
 * as it started, missed, the caller in and out at once and each callee `busy` (no ring, no busy key,
 * no live key). Its `call:update` tells the callees' other tabs to reload the chat's timeline; the tab in the other
 * call ignores it. The caller still gets the 409, so the events go out here, before the throw.
 */
async function logBusyCall(actorId: string, conversationId: string, type: CallType, calleeIds: string[], events: DomainEvent[]) {
  const now = new Date();
  const { id } = await db.call.create({
    data: {
      conversationId,
      callerId: actorId,
      type,
      status: "missed",
      createdAt: now,
      endedAt: now,
      participants: {
        create: [
          { userId: actorId, status: "left", invitedAt: now, joinedAt: now, leftAt: now },
          ...calleeIds.map((userId) => ({ userId, status: "busy", invitedAt: now })),
        ],
      },
    },
    select: { id: true },
  });
  await afterCommit([...events, ...updateEvents(toState(await refetch(id)))]);
}

async function refetch(callId: string): Promise<CallRow> {
  const row = await findCall(db, { id: callId });
  if (!row) throw callNotFound();
  return row;
}

async function actorUser(actorId: string): Promise<ParticipantState["user"]> {
  return db.user.findUniqueOrThrow({ where: { id: actorId }, select: shownUserSelect });
}

/**
 * accept (join: a callee answering, a member joining a running group call late, a reload
 * rejoining), decline (a ringing callee), hangup (leave; the caller before an answer cancels:
 * missed), heartbeat (a joined tab is still there), screen-start / screen-stop (the record of a
 * screen share).
 */
export const callAction = command(async (actorId: string, callId: string, input: CallActionInput | Record<string, unknown>) => {
  const { action } = parseInput(callActionSchema, input);
  const row = await loadCallFor(actorId, callId);
  const me = action === "accept" ? await actorUser(actorId) : null;
  const { call, events } = await transition(row, (state, now) => {
    const mine = state.participants.find((p) => p.userId === actorId);
    switch (action) {
      case "accept":
        join(state, me!, now);
        return;
      case "decline":
        if (mine?.status === "ringing") mine.status = "declined";
        return;
      case "hangup":
        if (mine?.status === "ringing") mine.status = "declined";
        if (mine?.status === "joined") leave(mine, now);
        return;
      case "heartbeat":
        if (mine?.status !== "joined") throw new AppError("conflict", "You are not in this call.");
        mine.lastSeenAt = now;
        return;
      case "screen-start":
      case "screen-stop": {
        if (mine?.status !== "joined") throw new AppError("conflict", "You are not in this call.");
        const open = mine.screenShares.find((share) => share.endedAt === null);
        if (action === "screen-start" && !open) {
          mine.screenShares.push({ startedAt: now.toISOString(), endedAt: null });
          mine.screenShares.splice(0, mine.screenShares.length - CALL_SCREEN_SHARES_MAX);
        }
        if (action === "screen-stop" && open) open.endedAt = now.toISOString();
        return;
      }
    }
  });
  return outcome(toCallDto(call), events);
});

/**
 * One signalling message (offer, answer, ICE candidate) from a joined participant to another
 * joined participant of the same live call, on the target's user channel. A member of the
 * conversation who was never in the call, or a target who never was, is refused (403); a message
 * for a call that ended or a participant no longer in it is stale and ignored (delivered: false).
 */
export const signalCall = command(async (actorId: string, callId: string, input: SignalInput | Record<string, unknown>) => {
  const { to, kind, data } = parseInput(signalInputSchema, input);
  const row = await loadCallFor(actorId, callId);
  const from = row.participants.find((p) => p.userId === actorId);
  const target = row.participants.find((p) => p.userId === to);
  if (!from || !target || to === actorId) throw new AppError("forbidden", "Signals go between the people of a call.");
  if (!isLive(row.status as CallStatus) || from.status !== "joined" || target.status !== "joined") {
    return outcome({ delivered: false });
  }
  return outcome({ delivered: true }, [
    { channels: userChannel(to), event: CALL_EVENTS.callSignal, payload: { callId, from: actorId, kind, data } },
  ]);
});

/**
 * One call with what its participant needs to connect: the ICE servers, TURN credentials
 * included, only for someone rung or joined in it (a member of the conversation who is not gets
 * the call without them: enough to show "join").
 */
export const getCall = command(async (actorId: string, callId: string) => {
  const row = await loadCallFor(actorId, callId);
  const { call, events } = await transition(row);
  return outcome(withIce(actorId, call), events);
});

/** A call with the ICE servers its reader may use to connect. */
export interface CallWithIce {
  call: CallDto | null;
  iceServers: IceServer[];
}

const NO_CALL: CallWithIce = { call: null, iceServers: [] };

function withIce(actorId: string, call: CallState): CallWithIce {
  const mine = call.participants.find((p) => p.userId === actorId);
  const inCall = isLive(call.status) && (mine?.status === "joined" || mine?.status === "ringing");
  return { call: toCallDto(call), iceServers: inCall ? iceServersFor(actorId) : [] };
}

/** The live call of a conversation (a group call to join late from the header), or null. */
export const conversationCall = command(async (actorId: string, conversationId: string) => {
  await requireMembership(actorId, conversationId);
  const row = await findCall(db, { activeKey: conversationId });
  if (!row) return outcome(NO_CALL);
  const { call, events } = await transition(row);
  return outcome(isLive(call.status) ? withIce(actorId, call) : NO_CALL, events);
});

/**
 * My live call: the one I am in (a reload rejoins it) or, failing that, one ringing for me (a tab
 * opened while it rings), or null.
 */
export const myCurrentCall = command(async (actorId: string) => {
  const rows = await db.callParticipant.findMany({
    where: { userId: actorId, status: { in: ["joined", "ringing"] }, call: { activeKey: { not: null } } },
    select: { callId: true, status: true },
    orderBy: { invitedAt: "desc" },
    take: 5,
  });
  rows.sort((a, b) => Number(b.status === "joined") - Number(a.status === "joined"));
  const events: DomainEvent[] = [];
  for (const { callId } of rows) {
    const row = await findCall(db, { id: callId });
    if (!row) continue;
    const settled = await transition(row);
    events.push(...settled.events);
    const mine = settled.call.participants.find((p) => p.userId === actorId);
    if (isLive(settled.call.status) && (mine?.status === "joined" || mine?.status === "ringing")) {
      return outcome(withIce(actorId, settled.call), events);
    }
  }
  return outcome(NO_CALL, events);
});
