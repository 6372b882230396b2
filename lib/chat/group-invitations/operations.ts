// Group invitations (issue 15, "who can add me to groups"): when someone adds me to a group (its
// creation or "add members", lib/chat/conversations + lib/chat/group-admin) while my privacy says
// "my contacts" and I do not have them among my contacts, I am not added: an invitation is created
// instead, which I accept (I join the group: "Ben joined") or decline in my requests inbox. People
// who cannot reach me (blocked either way, lib/chat/people/reach.ts) cannot add nor invite me: the
// callers check that first. Rules at the edges:
// - At most one open invitation per group and person (GroupInvitation.openKey, unique): adding me
//   again while one is pending keeps it (no duplicate, no second notice); an expired one is closed
//   ("expired") and a fresh one made.
// - Only the invitee answers (anyone else: not found); an answered invitation cannot be answered
//   again (409); an expired one neither (409, and it is marked expired).
// - Accepting refuses when the inviter and I blocked each other since, or the group is full; if I
//   joined meanwhile (an invite link), it is accepted and nothing else changes.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, isValidId } from "@/lib/chat/kernel/access";
import { command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { CONVERSATION_LIMITS } from "@/lib/chat/conversations/limits";
import { joinAsMember, joinedEvents } from "@/lib/chat/group-admin/system";
import { markCauseRead, newNotificationEvents } from "@/lib/chat/notification-center/operations";
import { userChannel } from "@/lib/realtime/channels";
import type { InvitedPerson } from "./dto";
import { GROUP_INVITATION_EVENTS } from "./events";
import { respondInvitationSchema, type RespondInvitationInput } from "./schemas";

/** How long an invitation stays open. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export const INVITATION_NOT_FOUND_MESSAGE = "Invitation not found.";
export const INVITATION_ANSWERED_MESSAGE = "This invitation was already answered.";
export const INVITATION_EXPIRED_MESSAGE = "This invitation has expired.";
export const INVITATION_REFUSED_MESSAGE = "You cannot join this group.";

const changed = (userIds: string[], change: "invited" | "accepted" | "declined" | "expired"): DomainEvent => ({
  channels: userIds.map(userChannel),
  event: GROUP_INVITATION_EVENTS.groupInvitationsChanged,
  payload: { change },
});

/**
 * Of `userIds` (people the adder may reach, already checked), those an add by `adderId` must turn
 * into an invitation: their "who can add me to groups" is "contacts" and the adder is not among
 * their contacts. With their names, for the adder's notice.
 */
export async function invitationsNeeded(adderId: string, userIds: string[]): Promise<InvitedPerson[]> {
  if (userIds.length === 0) return [];
  return db.user.findMany({
    where: { id: { in: userIds }, privacy: { is: { groupAdd: "contacts" } }, contacts: { none: { contactId: adderId } } },
    select: { id: true, name: true },
    orderBy: { id: "asc" },
  });
}

/**
 * Invites `inviteeIds` to the group from `inviterId` (after the caller's checks and commit). An
 * open invitation is kept as it is; an expired open one is closed first. Returns the event telling
 * each newly invited person's tabs (their inbox refetches).
 */
export async function createInvitations(conversationId: string, inviterId: string, inviteeIds: string[]): Promise<DomainEvent[]> {
  if (inviteeIds.length === 0) return [];
  const now = new Date();
  await db.groupInvitation.updateMany({
    where: { conversationId, inviteeId: { in: inviteeIds }, status: "pending", expiresAt: { lte: now } },
    data: { status: "expired", openKey: null },
  });
  const open = await db.groupInvitation.findMany({
    where: { conversationId, inviteeId: { in: inviteeIds }, status: "pending" },
    select: { inviteeId: true },
  });
  const have = new Set(open.map((row) => row.inviteeId));
  const invited: string[] = [];
  for (const inviteeId of inviteeIds.filter((id) => !have.has(id))) {
    try {
      // The invitation and its entry in the invitee's notification center (issue 16), in one transaction.
      await db.$transaction(async (tx) => {
        const invitation = await tx.groupInvitation.create({
          data: {
            conversationId,
            inviterId,
            inviteeId,
            openKey: `${conversationId}:${inviteeId}`,
            expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
          },
          select: { id: true },
        });
        await tx.notification.create({
          data: { recipientId: inviteeId, actorId: inviterId, kind: "group_invitation", conversationId, groupInvitationId: invitation.id },
          select: { id: true },
        });
      });
      invited.push(inviteeId);
    } catch (error) {
      // Another add made the same invitation at the same moment: it is open, as wanted.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  if (invited.length === 0) return [];
  const notified = await newNotificationEvents({
    kind: "group_invitation",
    conversationId,
    recipientId: { in: invited },
    groupInvitation: { is: { status: "pending" } },
  });
  return [changed(invited, "invited"), ...notified];
}

/** An answered invitation's entry in my notification center is read (issue 16). */
const answered = (groupInvitationId: string, inviteeId: string) => markCauseRead({ groupInvitationId, recipientId: inviteeId });

type Answer = { invitationId: string; status: "accepted" | "declined"; conversationId: string; joined: boolean };

/** Accepts (I join the group) or declines an invitation sent to me. */
export const respondToGroupInvitation = command(
  async (actorId: string, invitationId: string, input: RespondInvitationInput | Record<string, unknown>) => {
    const { accept } = parseInput(respondInvitationSchema, input);
    if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
    const invitation = isValidId(invitationId)
      ? await db.groupInvitation.findFirst({
          where: { id: invitationId, inviteeId: actorId },
          select: { id: true, conversationId: true, inviterId: true, status: true, expiresAt: true },
        })
      : null;
    if (!invitation) throw new AppError("not_found", INVITATION_NOT_FOUND_MESSAGE);
    if (invitation.status === "expired") throw new AppError("conflict", INVITATION_EXPIRED_MESSAGE);
    if (invitation.status !== "pending") throw new AppError("conflict", INVITATION_ANSWERED_MESSAGE);
    const now = new Date();
    const pending = { id: invitation.id, status: "pending" };
    const conversationId = invitation.conversationId;
    if (invitation.expiresAt <= now) {
      await db.groupInvitation.updateMany({ where: pending, data: { status: "expired", openKey: null } });
      throw new AppError("conflict", INVITATION_EXPIRED_MESSAGE);
    }
    const close = (status: "accepted" | "declined") => ({ status, openKey: null, respondedAt: now });

    if (!accept) {
      const { count } = await db.groupInvitation.updateMany({ where: pending, data: close("declined") });
      if (count === 0) throw new AppError("conflict", INVITATION_ANSWERED_MESSAGE);
      const result: Answer = { invitationId: invitation.id, status: "declined", conversationId, joined: false };
      return outcome(result, [changed([actorId], "declined"), ...(await answered(invitation.id, actorId))]);
    }

    const [blocked, me, current] = await Promise.all([
      db.block.count({
        where: {
          OR: [
            { blockerId: actorId, blockedId: invitation.inviterId },
            { blockerId: invitation.inviterId, blockedId: actorId },
          ],
        },
      }),
      db.user.findFirst({ where: { id: actorId, assistantBot: { is: null } }, select: { deletedAt: true } }),
      db.user.findMany({ where: { conversations: { some: { id: conversationId } } }, select: { id: true }, orderBy: { id: "asc" } }),
    ]);
    if (blocked > 0 || !me || me.deletedAt) throw new AppError("forbidden", INVITATION_REFUSED_MESSAGE);
    const currentIds = current.map((u) => u.id);
    if (currentIds.includes(actorId)) {
      // Joined meanwhile (an invite link, another add): the invitation is answered, nothing else changes.
      await db.groupInvitation.updateMany({ where: pending, data: close("accepted") });
      const result: Answer = { invitationId: invitation.id, status: "accepted", conversationId, joined: false };
      return outcome(result, [changed([actorId], "accepted"), ...(await answered(invitation.id, actorId))]);
    }
    if (currentIds.length >= CONVERSATION_LIMITS.groupMembersMax) {
      throw new AppError("conflict", `This group is full (${CONVERSATION_LIMITS.groupMembersMax} members).`);
    }
    let messageIds: string[] | null;
    try {
      messageIds = await db.$transaction(async (tx) => {
        // Answered once, also under two tabs accepting at the same moment (compare and swap).
        const { count } = await tx.groupInvitation.updateMany({ where: pending, data: close("accepted") });
        if (count === 0) return null;
        return joinAsMember(tx, conversationId, actorId, "accepted", invitation.inviterId);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", INVITATION_ANSWERED_MESSAGE);
      throw error;
    }
    if (messageIds === null) throw new AppError("conflict", INVITATION_ANSWERED_MESSAGE);
    const result: Answer = { invitationId: invitation.id, status: "accepted", conversationId, joined: true };
    return outcome(result, [
      ...(await joinedEvents(conversationId, messageIds, currentIds, [actorId])),
      changed([actorId], "accepted"),
      ...(await answered(invitation.id, actorId)),
    ]);
  },
);
