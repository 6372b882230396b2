// What the group invitations capability (issue 15, "who can add me to groups") returns: an
// invitation as its invitee sees it in the People tab's requests inbox. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema, isoDateSchema } from "@/lib/chat/kernel/dto";
import { personSchema } from "@/lib/chat/profiles/dto";

export const GROUP_INVITATION_STATUSES = ["pending", "accepted", "declined", "expired"] as const;
export type GroupInvitationStatus = (typeof GROUP_INVITATION_STATUSES)[number];

/** A pending invitation to a group, as its invitee sees it: the group's name and who invited them. */
export const groupInvitationSchema = z.object({
  id: idSchema,
  status: z.enum(GROUP_INVITATION_STATUSES),
  createdAt: isoDateSchema,
  expiresAt: isoDateSchema,
  group: z.object({ id: idSchema, name: z.nullable(z.string()), memberCount: z.number() }),
  inviter: personSchema,
});
export type GroupInvitationDto = z.infer<typeof groupInvitationSchema>;

/** Someone an add turned into an invitation (their "who can add me" says contacts): the adder's notice names them. */
export interface InvitedPerson {
  id: string;
  name: string | null;
}
