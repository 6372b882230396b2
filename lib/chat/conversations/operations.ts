// Operations of the conversations capability: start a 1:1, create a group.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, isValidId } from "@/lib/chat/kernel/access";
import { command, outcome, type DomainEvent, type Outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { reachableBy } from "@/lib/chat/people/reach";
import { acceptRequestOf, requestStateFor } from "@/lib/chat/message-requests/operations";
import { assertGroupCreationAllowed } from "@/lib/rate-limit/user-budgets";
import { userChannel } from "@/lib/realtime/channels";
import type { ConversationSummary } from "./dto";
import { CONVERSATION_EVENTS } from "./events";
import { CONVERSATION_LIMITS } from "./limits";
import { getConversation } from "./reads";
import { createGroupSchema, startDirectSchema, type CreateGroupInput } from "./schemas";
import { createInvitations, invitationsNeeded } from "@/lib/chat/group-invitations/operations";
import type { InvitedPerson } from "@/lib/chat/group-invitations/dto";

/** The user id of "start a 1:1", parsed like POST /api/conversations does (400 naming `userId`). */
const directTargetSchema = startDirectSchema.pick({ userId: true });

/** conversation:new for `to`: the header and member ids (each client fetches the summary it may see). */
export function newConversationEvent(summary: ConversationSummary, to: string[]): DomainEvent {
  return {
    channels: to.map(userChannel),
    event: CONVERSATION_EVENTS.conversationNew,
    payload: {
      id: summary.id,
      name: summary.name,
      isGroup: summary.isGroup,
      lastMessageAt: summary.lastMessageAt,
      memberIds: summary.members.map((m) => m.id),
    },
  };
}

export const pairKeyOf = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

async function unhideFor(actorId: string, conversationId: string): Promise<boolean> {
  const { count } = await db.conversationMemberState.updateMany({
    where: { conversationId, userId: actorId, hidden: true },
    data: { hidden: false },
  });
  return count > 0;
}

/**
 * Starts (or returns) my 1:1 conversation with `userId`. One conversation per pair, also under
 * concurrent calls: DirectConversation.pairKey is unique and written in the creating transaction,
 * so racing creators roll back and return the winner's conversation.
 * If I had hidden it ("delete for me"), it comes back with the history I had not hidden.
 */
type Started = { conversation: ConversationSummary; created: boolean };

export const startDirectConversation = command(async (actorId: string, rawUserId: string): Promise<Outcome<Started>> => {
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  // Route and server action alike: a malformed id is bad input (400), not "not found".
  const { userId } = parseInput(directTargetSchema, { userId: rawUserId });
  if (!isValidId(userId)) throw new AppError("not_found", "User not found.");
  if (userId === actorId) throw new AppError("bad_request", "You cannot start a conversation with yourself.", { userId: ["is you"] });
  // Someone I cannot reach (people/reach.ts) is "not found", like someone who does not exist.
  // A deleted account is kept as a tombstone for its old chats, never as someone to start one with
  // (checked here, not in the filter: MongoDB documents written before `deletedAt` existed lack the field).
  const other = await db.user.findFirst({ where: { AND: [{ id: userId }, reachableBy(actorId)] }, select: { id: true, deletedAt: true } });
  if (!other || other.deletedAt) throw new AppError("not_found", "User not found.");
  const pairKey = pairKeyOf(actorId, userId);

  const existing = async (): Promise<Outcome<Started> | null> => {
    const direct = await db.directConversation.findUnique({ where: { pairKey }, select: { conversationId: true } });
    if (!direct) return null;
    const reappeared = await unhideFor(actorId, direct.conversationId);
    // Starting a chat someone else had started with me as a message request accepts it.
    const accepted = await acceptRequestOf(actorId, direct.conversationId);
    const conversation = await getConversation(actorId, direct.conversationId);
    return outcome({ conversation, created: false }, [...(reappeared ? [newConversationEvent(conversation, [actorId])] : []), ...accepted]);
  };

  const found = await existing();
  if (found) return found;

  // A 1:1 created before DirectConversation existed (e.g. seed data): adopt it.
  const legacy = await db.conversation.findFirst({
    where: {
      isGroup: { not: true },
      AND: [
        { users: { some: { id: actorId } } },
        { users: { some: { id: userId } } },
        { users: { every: { id: { in: [actorId, userId] } } } },
      ],
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });

  // Someone who does not have me in their contacts gets the chat as a message request (lib/chat/message-requests).
  const receiverRequest = legacy ? null : await requestStateFor(userId, actorId);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const conversationId = await db.$transaction(async (tx) => {
        if (legacy) {
          await tx.directConversation.create({ data: { pairKey, conversationId: legacy.id } });
          return null;
        }
        const conversation = await tx.conversation.create({
          data: { isGroup: false, users: { connect: [{ id: actorId }, { id: userId }] } },
          select: { id: true },
        });
        await tx.conversationMemberState.createMany({
          data: [
            { conversationId: conversation.id, userId: actorId },
            { conversationId: conversation.id, userId, messageRequest: receiverRequest },
          ],
        });
        await tx.directConversation.create({ data: { pairKey, conversationId: conversation.id } });
        return conversation.id;
      });
      if (conversationId === null) return (await existing())!;
      const conversation = await getConversation(actorId, conversationId);
      return outcome({ conversation, created: true }, [newConversationEvent(conversation, [actorId, userId])]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await existing();
      if (winner) return winner;
    }
  }
  throw new AppError("conflict", "The conversation could not be created. Please try again.");
});

/** A new group, and who was invited rather than added (their "who can add me" says contacts; absent: nobody). */
export type CreatedGroup = ConversationSummary & { invited?: InvitedPerson[] };

/**
 * Creates a group of me + at least two other people; I become its admin. Those who accept group
 * adds only from their contacts, when I am not theirs, get an invitation instead (lib/chat/group-invitations):
 * the group is created with the others, and the answer names them in `invited`.
 */
export const createGroup = command(async (actorId: string, input: CreateGroupInput): Promise<Outcome<CreatedGroup>> => {
  const { name, memberIds } = parseInput(createGroupSchema, { ...input, type: "group" });
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const others = [...new Set(memberIds)].filter((id) => id !== actorId);
  if (others.length < CONVERSATION_LIMITS.groupOtherMembersMin) {
    throw new AppError("bad_request", "A group needs at least two other members.", {
      memberIds: ["must list at least two other people"],
    });
  }
  if (others.length > CONVERSATION_LIMITS.groupMembersMax - 1) {
    throw new AppError("bad_request", `A group has at most ${CONVERSATION_LIMITS.groupMembersMax} members.`, {
      memberIds: [`may list at most ${CONVERSATION_LIMITS.groupMembersMax - 1} other people`],
    });
  }
  const unknownMembers = () =>
    new AppError("bad_request", "Some of the selected people do not exist.", { memberIds: ["contains unknown users"] });
  if (!others.every(isValidId)) throw unknownMembers();
  // Each group costs a write per member and an event per member: a per-user budget (429 beyond).
  await assertGroupCreationAllowed(actorId);
  const members = await db.user.findMany({ where: { AND: [{ id: { in: others } }, reachableBy(actorId)] }, select: { deletedAt: true } });
  if (members.length !== others.length || members.some((member) => member.deletedAt)) throw unknownMembers();
  // Their "who can add me to groups" says contacts and I am not theirs: invited, not added (lib/chat/group-invitations).
  const invited = await invitationsNeeded(actorId, others);
  const added = others.filter((id) => !invited.some((person) => person.id === id));

  const conversationId = await db.$transaction(async (tx) => {
    const conversation = await tx.conversation.create({
      data: { name, isGroup: true, createdById: actorId, users: { connect: [actorId, ...added].map((id) => ({ id })) } },
      select: { id: true },
    });
    await tx.conversationMemberState.createMany({
      data: [
        { conversationId: conversation.id, userId: actorId, role: "admin" },
        ...added.map((userId) => ({ conversationId: conversation.id, userId, role: "member", addedById: actorId })),
      ],
    });
    return conversation.id;
  });
  const summary = await getConversation(actorId, conversationId);
  const invitations = await createInvitations(
    conversationId,
    actorId,
    invited.map((person) => person.id),
  );
  const result: CreatedGroup = invited.length > 0 ? { ...summary, invited } : summary;
  return outcome(result, [newConversationEvent(summary, [actorId, ...added]), ...invitations]);
});
