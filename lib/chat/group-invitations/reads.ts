// Reads of group invitations (issue 15): my open invitations, newest first, for the People tab's
// requests inbox (lib/chat/contacts/reads.ts contactsOverview). An expired one, or one from someone
// I blocked or who blocked me since, or a deleted account, is not listed. The inviter's photo and
// about as their privacy allows (lib/chat/people/person.ts); the group's name and member count only.
import "server-only";
import { db } from "@/lib/db/client";
import { reachableBy } from "@/lib/chat/people/reach";
import { personSelect, toPerson } from "@/lib/chat/people/person";
import type { GroupInvitationDto, GroupInvitationStatus } from "./dto";

/** At most this many invitations are listed. */
export const GROUP_INVITATIONS_LIST_MAX = 200;

export async function pendingGroupInvitations(actorId: string): Promise<GroupInvitationDto[]> {
  const rows = await db.groupInvitation.findMany({
    where: {
      inviteeId: actorId,
      status: "pending",
      expiresAt: { gt: new Date() },
      inviter: { AND: [{ deletedAt: null }, reachableBy(actorId)] },
    },
    select: {
      id: true,
      status: true,
      createdAt: true,
      expiresAt: true,
      conversation: { select: { id: true, name: true, _count: { select: { users: true } } } },
      inviter: { select: personSelect(actorId) },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: GROUP_INVITATIONS_LIST_MAX,
  });
  return rows.map((row) => ({
    id: row.id,
    status: row.status as GroupInvitationStatus,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    group: { id: row.conversation.id, name: row.conversation.name, memberCount: row.conversation._count.users },
    inviter: toPerson(actorId, row.inviter),
  }));
}
