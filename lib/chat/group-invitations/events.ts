// Realtime event of group invitations (issue 15), on the private-user-<id> channel of the invitee
// (every tab of theirs; and of the inviter when it is answered): an invitation was created,
// accepted, declined or found expired. It carries no group or people: the client refetches
// GET /api/contacts (its `groupInvitations`), which applies the reader's rules. Browser-safe (zod/mini).
import * as z from "zod/mini";

export const GROUP_INVITATION_EVENTS = {
  groupInvitationsChanged: "group-invitations:changed",
} as const;

export const groupInvitationEventSchemas = {
  [GROUP_INVITATION_EVENTS.groupInvitationsChanged]: z.object({
    change: z.enum(["invited", "accepted", "declined", "expired"]),
  }),
} as const;
