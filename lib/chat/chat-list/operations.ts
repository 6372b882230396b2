// Pin, mute and archive a chat in my list (issue 15). Each changes only my own member state
// (ConversationMemberState) after the membership gate, and tells only my own tabs and devices
// (conversation:list-state on my user channel). A pinned chat is never archived: archiving unpins,
// pinning unarchives. The 5-pin limit holds under concurrent pins: each pin takes one of my
// CHAT_PINS_MAX slots, unique per user on PostgreSQL.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, requireMembership } from "@/lib/chat/kernel/access";
import { command, outcome, type Outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ListState } from "./dto";
import { CHAT_PINS_FULL_MESSAGE, CHAT_PINS_MAX, mutedUntilFor } from "./limits";
import { listStateEvent, listStateSelect, toListState } from "./reads";
import {
  setArchivedSchema,
  setMutedSchema,
  setPinnedSchema,
  type SetArchivedInput,
  type SetMutedInput,
  type SetPinnedInput,
} from "./schemas";

/** Writes my state of the chat (a member without a state row, e.g. seed data, gets one). */
type ListStateWrite = Partial<
  Pick<Prisma.ConversationMemberStateUncheckedCreateInput, "pinnedAt" | "pinSlot" | "mutedUntil" | "archivedAt">
>;

async function writeMine(actorId: string, conversationId: string, data: ListStateWrite): Promise<Outcome<ListState>> {
  const row = await db.conversationMemberState.upsert({
    where: { conversationId_userId: { conversationId, userId: actorId } },
    create: { conversationId, userId: actorId, ...data },
    update: data,
    select: listStateSelect,
  });
  const state = toListState(row);
  return outcome(state, [await listStateEvent(actorId, conversationId, state)]);
}

/** Pins (`pinned: true`) or unpins a chat of mine; a 6th pin is 409 with a clear message. */
export const setPinned = command(async (actorId: string, conversationId: string, input: SetPinnedInput | Record<string, unknown>) => {
  const { pinned } = parseInput(setPinnedSchema, input);
  await requireMembership(actorId, conversationId);
  if (!pinned) return writeMine(actorId, conversationId, { pinnedAt: null, pinSlot: null });
  // A concurrent pin of mine may take the free slot first: read again and retry (a few times at most).
  for (let attempt = 0; attempt < CHAT_PINS_MAX + 1; attempt += 1) {
    const held = await db.conversationMemberState.findMany({
      where: { userId: actorId, pinSlot: { not: null } },
      select: { conversationId: true, pinSlot: true, ...listStateSelect },
    });
    const mine = held.find((row) => row.conversationId === conversationId);
    if (mine) return outcome(toListState(mine));
    const taken = new Set(held.map((row) => row.pinSlot));
    const slot = [...Array(CHAT_PINS_MAX).keys()].find((s) => !taken.has(s));
    if (slot === undefined) throw new AppError("conflict", CHAT_PINS_FULL_MESSAGE);
    try {
      return await writeMine(actorId, conversationId, { pinnedAt: new Date(), pinSlot: slot, archivedAt: null });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new AppError("conflict", "Your pinned chats changed meanwhile. Try again.");
});

/** Mutes a chat of mine for 8 hours, a week or always, or unmutes it (`mute: "off"`). */
export const setMuted = command(async (actorId: string, conversationId: string, input: SetMutedInput | Record<string, unknown>) => {
  const { mute } = parseInput(setMutedSchema, input);
  await requireMembership(actorId, conversationId);
  return writeMine(actorId, conversationId, { mutedUntil: mute === "off" ? null : mutedUntilFor(mute, new Date()) });
});

/** Moves a chat of mine to my Archived folder (unpinning it), or back to my list. */
export const setArchived = command(async (actorId: string, conversationId: string, input: SetArchivedInput | Record<string, unknown>) => {
  const { archived } = parseInput(setArchivedSchema, input);
  await requireMembership(actorId, conversationId);
  return writeMine(actorId, conversationId, archived ? { archivedAt: new Date(), pinnedAt: null, pinSlot: null } : { archivedAt: null });
});
