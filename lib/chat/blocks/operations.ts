// Blocking (issue 15): I block someone, and from then on they cannot message me in our 1:1
// (`assertNotBlockedInDirect`, called by the send), add me to a group or start a 1:1 with me, or
// find me by search (`people/reach.ts` `reachableBy`, which people search, starting a 1:1 and
// creating a group all use). Blocking is silent: the blocked user is told nothing, their send
// fails with the same neutral message whoever blocked whom, and no event reaches them. In groups
// we share both stay members.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, isValidId } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { setBlockedSchema, type SetBlockedInput } from "./schemas";

/** What a blocked user's send answers (nothing about a block); also the blocker's own send in that 1:1. */
export const NOT_SENT_MESSAGE = "This message could not be sent.";

export interface BlockState {
  userId: string;
  /** I blocked them. (Whether they blocked me is never told.) */
  blocked: boolean;
}

/**
 * Blocks (`blocked: true`) or unblocks `userId` for me. Anyone who exists may be blocked (not
 * myself, not a deleted account or the assistant: 404 like an unknown id); idempotent. A change
 * ends both users' realtime connections after the commit: their clients reconnect and re-authorize
 * every channel, so the presence channel of our 1:1 is refused (blocked) or granted again
 * (unblocked) at once; it publishes no event, so the blocked user learns nothing.
 */
export const setBlocked = command(async (actorId: string, input: SetBlockedInput | Record<string, unknown>) => {
  const { userId, blocked } = parseInput(setBlockedSchema, input);
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  if (userId === actorId) throw new AppError("bad_request", "You cannot block yourself.", { userId: ["is you"] });
  const result: BlockState = { userId, blocked };
  const changed = () => outcome(result, [], { endRealtimeAccessOf: [userId, actorId] });
  if (!blocked) {
    const { count } = await db.block.deleteMany({ where: { blockerId: actorId, blockedId: userId } });
    return count > 0 ? changed() : outcome(result);
  }
  const target = isValidId(userId)
    ? await db.user.findFirst({ where: { id: userId, assistantBot: { is: null } }, select: { id: true, deletedAt: true } })
    : null;
  if (!target || target.deletedAt) throw new AppError("not_found", "User not found.");
  try {
    await db.block.create({ data: { blockerId: actorId, blockedId: userId }, select: { id: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return outcome(result); // already blocked (another tab of mine, just now)
  }
  return changed();
});

/** Whether I blocked `userId` (what my 1:1 with them shows). */
export async function isBlockedByMe(actorId: string, userId: string): Promise<boolean> {
  if (!isValidId(actorId) || !isValidId(userId)) return false;
  return (await db.block.count({ where: { blockerId: actorId, blockedId: userId } })) > 0;
}

/** Whether `conversationId` is a 1:1 of mine in which one of us blocked the other. */
export async function isBlockedInDirect(actorId: string, conversationId: string): Promise<boolean> {
  const inThisDirect = { conversations: { some: { id: conversationId, isGroup: { not: true } } } };
  const block = await db.block.findFirst({
    where: {
      OR: [
        { blockerId: actorId, blocked: inThisDirect },
        { blockedId: actorId, blocker: inThisDirect },
      ],
    },
    select: { id: true },
  });
  return block !== null;
}

/**
 * The send's check in a 1:1 (`conversationId` not a group): refused, with the same neutral
 * message either way, when one of us blocked the other. Groups are not affected.
 */
export async function assertNotBlockedInDirect(actorId: string, conversationId: string): Promise<void> {
  if (await isBlockedInDirect(actorId, conversationId)) throw new AppError("forbidden", NOT_SENT_MESSAGE);
}
